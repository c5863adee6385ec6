package dev.vigil.api.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellTests {

    @Test
    void textStartingLikeAFormulaIsDefused() {
        assertThat(CsvCell.of("=HYPERLINK(\"http://evil.test\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil.test\"\")\"");
        assertThat(CsvCell.of("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(CsvCell.of("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCell.of("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCell.of("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvCell.of("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void ordinaryTextAndNumbersAreUnchanged() {
        assertThat(CsvCell.of("HTTP status 503")).isEqualTo("HTTP status 503");
        assertThat(CsvCell.of("a=b")).isEqualTo("a=b");
        assertThat(CsvCell.of(-1L)).isEqualTo("-1");
        assertThat(CsvCell.of(false)).isEqualTo("false");
        assertThat(CsvCell.of(null)).isEmpty();
        assertThat(CsvCell.of("")).isEmpty();
    }

    @Test
    void separatorsQuotesAndLineBreaksAreQuoted() {
        assertThat(CsvCell.of("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCell.of("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCell.of("two\nlines")).isEqualTo("\"two\nlines\"");
    }
}
