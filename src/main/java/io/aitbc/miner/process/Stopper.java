package io.aitbc.miner.process;

/**
 * How {@link Exec} ends what a program started: politely when it ran past its time, then by force, and by force
 * again once it exited (whatever it left behind) or when the caller was interrupted.
 */
public interface Stopper {

    /** Asks the program and what it started to end (SIGTERM, or a kill where nothing gentler exists). */
    void terminate(Process process);

    /** Whether nothing of the program is left. */
    boolean gone(Process process);

    /** SIGKILL to whatever is left; harmless when nothing is. */
    void kill(Process process);

    /** Both stoppers, this one first, for a program contained twice (a process group inside a cgroup). */
    default Stopper and(Stopper other) {
        Stopper first = this;
        return new Stopper() {
            @Override
            public void terminate(Process process) {
                first.terminate(process);
                other.terminate(process);
            }

            @Override
            public boolean gone(Process process) {
                return first.gone(process) && other.gone(process);
            }

            @Override
            public void kill(Process process) {
                first.kill(process);
                other.kill(process);
            }
        };
    }

    /**
     * For a program that does not lead its own process group (a tool the agent queries): the program and its
     * descendants are killed at once, since a group signal would reach the agent itself. It kills through the process
     * handle: {@code Process.destroyForcibly()} also closes the output pipes, and the output of a program that had
     * just ended, not yet read, was lost with them.
     */
    static Stopper tree() {
        return new Stopper() {
            @Override
            public void terminate(Process process) {
                kill(process);
            }

            @Override
            public boolean gone(Process process) {
                return !process.isAlive();
            }

            @Override
            public void kill(Process process) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.toHandle().destroyForcibly();
            }
        };
    }
}
