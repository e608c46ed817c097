package dev.camelampenet.phonebook.csvimport;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Separators, headers, charsets and names: what is decided before the first row is read. */
class CsvReadingTest {

    @TempDir
    Path dir;

    @Test
    void separatorIsTheOneTheHeaderUsesOutsideQuotes() {
        assertThat(DelimiterDetector.detect(List.of("phone,name"))).isEqualTo(CsvDelimiter.COMMA);
        assertThat(DelimiterDetector.detect(List.of("phone;name;\"Company, Inc\""))).isEqualTo(CsvDelimiter.SEMICOLON);
        assertThat(DelimiterDetector.detect(List.of("\"a,b,c\";phone"))).isEqualTo(CsvDelimiter.SEMICOLON);
        assertThat(DelimiterDetector.detect(List.of("phone\tname\tnotes, more"))).isEqualTo(CsvDelimiter.TAB);
        assertThat(DelimiterDetector.detect(List.of("phone", "0712;Asha"))).as("one-column header").isEqualTo(CsvDelimiter.SEMICOLON);
        assertThat(DelimiterDetector.detect(List.of("phone", "0712"))).isEqualTo(CsvDelimiter.COMMA);
    }

    @Test
    void columnsMatchIgnoringCaseSpacesAndPunctuationWithAliasesInPriorityOrder() {
        ColumnMapping m = ColumnMapping.fromHeader(List.of("MSISDN", "First Name", "SURNAME", "Mobile", "E-mail", "", "e mail"));
        List<String> cells = List.of("255712", "Asha", "Mwinyi", "0713", "a@b.c", "ignored", "dup");
        assertThat(m.phone(cells)).isEqualTo("0713");
        assertThat(m.firstName(cells)).isEqualTo("Asha");
        assertThat(m.lastName(cells)).isEqualTo("Mwinyi");
        assertThat(m.customFields(cells)).containsExactly(java.util.Map.entry("MSISDN", "255712"),
                java.util.Map.entry("E_MAIL", "a@b.c"));
        assertThat(m.hasGroupColumn()).isFalse();

        ColumnMapping crm = ColumnMapping.fromHeader(List.of("Name", "phone_number", "Contact Group"));
        assertThat(crm.firstName(List.of("Baraka", "0712", "VIP"))).isEqualTo("Baraka");
        assertThat(crm.group(List.of("Baraka", "0712", "VIP"))).isEqualTo("VIP");
        assertThat(crm.phone(List.of("Baraka"))).as("a short row").isEmpty();

        assertThatThrownBy(() -> ColumnMapping.fromHeader(List.of("name", "email")))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("no phone column");
    }

    @Test
    void namesFromOutsideNeverLeaveTheirFolder() {
        assertThat(SafeNames.groupNameFromFileName("VIP  customers.CSV")).isEqualTo("VIP customers");
        assertThat(SafeNames.groupNameFromFileName("../../etc/passwd.csv")).isEqualTo("passwd");
        assertThat(SafeNames.groupNameFromFileName("..\\secret\\list.csv")).isEqualTo("list");
        assertThat(SafeNames.groupName("\uFEFFSales\u0000\n team\u202E ")).isEqualTo("Sales team");
        assertThat(SafeNames.groupName("x".repeat(300))).hasSize(SafeNames.MAX_GROUP_NAME);
        assertThat(SafeNames.fileName("../../x.csv")).isEqualTo("x.csv");
        assertThat(SafeNames.fileName("..")).isEqualTo("file");
        assertThat(SafeNames.fileName("a:b*c?.csv")).isEqualTo("a_b_c_.csv");
        assertThat(SafeNames.inside(dir, "../../evil.csv")).isEqualTo(dir.toAbsolutePath().resolve("evil.csv"));
        assertThat(SafeNames.inside(dir, ".hidden")).isEqualTo(dir.toAbsolutePath().resolve("hidden"));
    }

    @Test
    void inspectionFindsCharsetSeparatorHeaderAndSize() throws Exception {
        Path bom = write("bom.csv", ImportFiles.utf8WithBom("Phone;Name\r\n0712;Jos\u00e9\r\n\r\n0713;Ana\r\n"));
        FileInspection i = CsvFileInspector.inspect(bom);
        assertThat(i.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(i.delimiter()).isEqualTo(CsvDelimiter.SEMICOLON);
        assertThat(i.header()).containsExactly("Phone", "Name");
        assertThat(i.estimatedRows()).isEqualTo(3);
        assertThat(i.sha256()).hasSize(64);

        Path ansi = write("ansi.csv", "Phone,Name\n0712,Jos\u00e9".getBytes(Charset.forName("windows-1252")));
        assertThat(CsvFileInspector.inspect(ansi).charset().name()).isEqualTo("windows-1252");

        Path utf16 = write("utf16.csv", "\uFEFFPhone\tName\r\n0712\tJos\u00e9\r\n".getBytes(StandardCharsets.UTF_16LE));
        FileInspection u = CsvFileInspector.inspect(utf16);
        assertThat(u.charset()).isEqualTo(StandardCharsets.UTF_16);
        assertThat(u.header()).containsExactly("Phone", "Name");

        assertThatThrownBy(() -> CsvFileInspector.inspect(write("empty.csv", new byte[0])))
                .isInstanceOf(UnreadableFileException.class).hasMessage("the file is empty");
        assertThatThrownBy(() -> CsvFileInspector.inspect(write("blank.csv", "\n \n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("no header row");
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }
}
