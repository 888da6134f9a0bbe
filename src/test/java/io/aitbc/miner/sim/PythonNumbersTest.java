package io.aitbc.miner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are python3's {@code repr(float)}. */
class PythonNumbersTest {

    @ParameterizedTest
    @CsvSource({ "0.23692,0.23692", "11.846,11.846", "1e-05,1e-05", "0.0001,0.0001", "1e16,1e+16",
            "9999999999999998.0,9999999999999998.0", "100.0,100.0", "-0.0,-0.0", "0.0,0.0", "0.1,0.1",
            "1.5e300,1.5e+300", "-2.5e-08,-2.5e-08", "123456.789,123456.789", "0.3333333333333333,0.3333333333333333",
            "1e22,1e+22", "5e-324,5e-324", "1.7976931348623157e308,1.7976931348623157e+308", "0.02,0.02",
            "12345678901234567.0,1.2345678901234568e+16", "0.00012,0.00012", "-1.0,-1.0" })
    void printsAsPython(double value, String python) {
        assertThat(PythonNumbers.repr(value)).isEqualTo(python);
    }
}
