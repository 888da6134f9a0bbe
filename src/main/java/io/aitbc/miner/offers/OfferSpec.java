package io.aitbc.miner.offers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One offer of {@code MINER_OFFERS}, checked at start-up as the production miner's CLI checks it (aitbc-peer-features.md
 * §5.1): a service this agent can probe, a model, a decimal price and one of the marketplace's units.
 *
 * @param service {@code ollama}, {@code whisper} or {@code ffmpeg}
 * @param model the model (an Ollama tag, a Whisper size, an ffmpeg profile such as {@code h264-transcode})
 * @param price the price per unit
 * @param unit {@code per_1k_tokens}, {@code per_audio_min}, {@code per_gb} or {@code per_processing_hour}
 */
public record OfferSpec(String service, String model, BigDecimal price, String unit) {

    static final Set<String> SERVICES = Set.of("ollama", "whisper", "ffmpeg");
    static final Set<String> UNITS = Set.of("per_1k_tokens", "per_audio_min", "per_gb", "per_processing_hour");

    private static final String MODEL = "[A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}";

    /** Parses the list, whose entries {@link OffersConfig#problems} checked with {@link #flaw}. */
    static List<OfferSpec> parse(List<String> entries) {
        return entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(OfferSpec::parse).toList();
    }

    /** What is wrong with one entry, naming it; empty when it is a valid offer (or blank). */
    static Optional<String> flaw(String entry) {
        String[] f = entry.strip().split("\\s+");
        String why;
        if (entry.isBlank()) {
            return Optional.empty();
        } else if (f.length != 4) {
            why = "expected '<service> <model> <price> <unit>'";
        } else if (!SERVICES.contains(f[0].toLowerCase(Locale.ROOT))) {
            why = "service must be one of ollama, whisper, ffmpeg (the ones this agent can probe)";
        } else if (!f[1].matches(MODEL) || f[1].contains("..")) {
            why = "the model must match " + MODEL + " without '..'";
        } else if (!f[2].matches("\\d{1,18}(\\.\\d{1,18})?")) {
            why = "the price is not a non-negative decimal number";
        } else if (!UNITS.contains(f[3])) {
            why = "the unit must be one of per_1k_tokens, per_audio_min, per_gb, per_processing_hour";
        } else {
            return Optional.empty();
        }
        return Optional.of("'" + entry.strip() + "': " + why);
    }

    private static OfferSpec parse(String entry) {
        String[] f = entry.split("\\s+");
        return new OfferSpec(f[0].toLowerCase(Locale.ROOT), f[1], new BigDecimal(f[2]), f[3]);
    }
}
