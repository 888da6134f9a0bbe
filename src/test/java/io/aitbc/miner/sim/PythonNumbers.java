package io.aitbc.miner.sim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Prints a double as Python's {@code repr(float)} and {@code json.dumps} do (decisions D21): shortest round-trip
 * digits, fixed notation when 1e-4 &lt;= |x| &lt; 1e16, else {@code d[.ddd]e±XX}; integral values keep {@code .0}.
 * Java's {@code Double.toString} differs ({@code 1.0E-5} against {@code 1e-05}).
 */
public final class PythonNumbers {

    private PythonNumbers() {
    }

    /** The text Python prints for {@code x}. */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0) {
            return Double.doubleToRawLongBits(x) < 0 ? "-0.0" : "0.0";
        }
        String sign = x < 0 ? "-" : "";
        BigDecimal exact = shortest(Math.abs(x));
        String digits = exact.unscaledValue().toString();
        int decpt = digits.length() - exact.scale(); // x = 0.digits * 10^decpt
        if (decpt <= -4 || decpt > 16) {
            int exponent = decpt - 1;
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String expDigits = String.valueOf(Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (expDigits.length() < 2 ? "0" : "")
                    + expDigits;
        }
        if (decpt <= 0) {
            return sign + "0." + "0".repeat(-decpt) + digits;
        }
        if (decpt >= digits.length()) {
            return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
        }
        return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
    }

    /** The decimal with the fewest digits that reads back as {@code x}, the nearest one among those (like Python). */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == x) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
