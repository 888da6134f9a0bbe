"""Never runs: its entry names a secret that is not mounted."""
print("{}")
