package io.aitbc.miner.offers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.aitbc.miner.config.InvalidConfigException;

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

    static final String ENV = "MINER_OFFERS";
    static final Set<String> SERVICES = Set.of("ollama", "whisper", "ffmpeg");
    static final Set<String> UNITS = Set.of("per_1k_tokens", "per_audio_min", "per_gb", "per_processing_hour");

    /** Parses the list; any bad entry stops start-up, naming it. */
    static List<OfferSpec> parse(List<String> entries) {
        return entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(OfferSpec::parse).toList();
    }

    private static OfferSpec parse(String entry) {
        String[] f = entry.split("\\s+");
        if (f.length != 4) {
            throw bad(entry, "expected '<service> <model> <price> <unit>'");
        }
        String service = f[0].toLowerCase(Locale.ROOT);
        if (!SERVICES.contains(service)) {
            throw bad(entry, "service must be one of ollama, whisper, ffmpeg (the ones this agent can probe)");
        }
        if (!f[1].matches("[A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}") || f[1].contains("..")) {
            throw bad(entry, "the model must match [A-Za-z0-9][A-Za-z0-9._:/+-]{0,127} without '..'");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(f[2]);
        } catch (NumberFormatException e) {
            throw bad(entry, "the price is not a decimal number");
        }
        if (price.signum() < 0) {
            throw bad(entry, "the price is negative");
        }
        if (!UNITS.contains(f[3])) {
            throw bad(entry, "the unit must be one of per_1k_tokens, per_audio_min, per_gb, per_processing_hour");
        }
        return new OfferSpec(service, f[1], price, f[3]);
    }

    private static InvalidConfigException bad(String entry, String why) {
        return new InvalidConfigException(ENV, "'" + entry + "': " + why);
    }
}
