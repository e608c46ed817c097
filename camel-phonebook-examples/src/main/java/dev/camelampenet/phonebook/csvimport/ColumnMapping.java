package dev.camelampenet.phonebook.csvimport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which column holds what, from the header row. Header names are matched ignoring case, spaces, dashes,
 * underscores and dots ({@code "First Name"}, {@code first_name} and {@code FIRSTNAME} are the same), against
 * common aliases in priority order: when a file has both {@code phone} and {@code mobile}, {@code phone} is the
 * contact's number and {@code mobile} stays a custom field. Every other named column becomes a custom field tagged
 * with its name in upper case ({@code "E-mail"} becomes {@code E_MAIL}).
 */
public final class ColumnMapping {

    static final List<String> PHONE = List.of("phone", "mobile", "msisdn", "number", "phonenumber", "mobilenumber",
            "mobilephone", "cellphone", "cell", "telephone", "tel", "phoneno", "mobileno", "contactnumber");
    static final List<String> FIRST_NAME = List.of("firstname", "first", "givenname", "forename", "fname",
            // a lone "Name" column (CRM exports) is the best first-name guess there is
            "name", "fullname", "contactname");
    static final List<String> LAST_NAME = List.of("lastname", "last", "surname", "familyname", "lname");
    static final List<String> GROUP = List.of("group", "groupname", "contactgroup");

    private final List<String> header;
    private final int phone;
    private final int firstName;
    private final int lastName;
    private final int group;
    private final Map<Integer, String> customFields;

    private ColumnMapping(List<String> header, int phone, int firstName, int lastName, int group,
                          Map<Integer, String> customFields) {
        this.header = header;
        this.phone = phone;
        this.firstName = firstName;
        this.lastName = lastName;
        this.group = group;
        this.customFields = customFields;
    }

    /** @throws UnreadableFileException when no column can be the phone number */
    public static ColumnMapping fromHeader(List<String> header) {
        List<String> keys = new ArrayList<>();
        for (String h : header) {
            keys.add(key(h));
        }
        int phone = find(keys, PHONE);
        if (phone < 0) {
            throw new UnreadableFileException("no phone column: the header has " + header
                    + "; name one column phone, mobile, msisdn or number");
        }
        int first = find(keys, FIRST_NAME);
        int last = find(keys, LAST_NAME);
        int group = find(keys, GROUP);
        Map<Integer, String> custom = new LinkedHashMap<>();
        Set<String> tags = new HashSet<>(List.of("PHONE", "FIRST_NAME", "LAST_NAME"));
        for (int i = 0; i < header.size(); i++) {
            if (i == phone || i == first || i == last || i == group) {
                continue;
            }
            String tag = tag(header.get(i));
            if (!tag.isEmpty() && tags.add(tag)) {
                custom.put(i, tag);
            }
        }
        return new ColumnMapping(List.copyOf(header), phone, first, last, group, custom);
    }

    private static int find(List<String> keys, List<String> aliases) {
        for (String alias : aliases) {
            int i = keys.indexOf(alias);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The matching key of a header name: lower case, letters and digits only. */
    static String key(String headerName) {
        return headerName.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** The custom field tag of a header name: {@code "Date of birth"} becomes {@code DATE_OF_BIRTH}. */
    static String tag(String headerName) {
        return headerName.toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
    }

    public String phone(List<String> cells) {
        return cell(cells, phone);
    }

    public String firstName(List<String> cells) {
        return cell(cells, firstName);
    }

    public String lastName(List<String> cells) {
        return cell(cells, lastName);
    }

    /** The row's group cell, or "" when the file has no group column. */
    public String group(List<String> cells) {
        return cell(cells, group);
    }

    /** The header name of a column, "" beyond the header. */
    public String headerName(int index) {
        return index < header.size() ? header.get(index) : "";
    }

    public boolean hasGroupColumn() {
        return group >= 0;
    }

    /** Non-blank custom field values by tag, in column order. */
    public Map<String, String> customFields(List<String> cells) {
        Map<String, String> values = new LinkedHashMap<>();
        customFields.forEach((index, tag) -> {
            String value = cell(cells, index);
            if (!value.isEmpty()) {
                values.put(tag, value);
            }
        });
        return values;
    }

    /**
     * What of the row no contact field takes, in words for the report's note: non-blank cells beyond the header's
     * columns, under a header with no name, or under a second header with the same tag. Blank ones are left out: a
     * trailing separator (Excel's leftovers) is not data. "" when every non-blank cell is used.
     */
    public String unusedCells(List<String> cells) {
        List<String> unused = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < cells.size(); i++) {
            String value = cells.get(i) == null ? "" : cells.get(i).trim();
            if (value.isEmpty() || i == phone || i == firstName || i == lastName || i == group || customFields.containsKey(i)) {
                continue;
            }
            count++;
            if (unused.size() < MAX_NOTED_CELLS) {
                String where = i >= header.size() ? "beyond the header's " + header.size() + " columns"
                        : header.get(i).isBlank() ? "no header name" : "'" + shorten(header.get(i)) + "' repeats an earlier column";
                unused.add("column " + (i + 1) + " (" + where + ") '" + shorten(value) + "'");
            }
        }
        if (count == 0) {
            return "";
        }
        String listed = String.join(", ", unused) + (count > unused.size() ? " and " + (count - unused.size()) + " more" : "");
        return (count == 1 ? "1 cell" : count + " cells") + " not imported: " + listed;
    }

    private static final int MAX_NOTED_CELLS = 3;
    private static final int NOTED_CHARS = 40;

    /** A cell's value as quoted in a note: a long one is cut, so a note stays a line. */
    static String shorten(String value) {
        if (value.length() <= NOTED_CHARS) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(NOTED_CHARS - 1)) ? NOTED_CHARS - 1 : NOTED_CHARS;
        return value.substring(0, end) + "...";
    }

    private static String cell(List<String> cells, int index) {
        if (index < 0 || index >= cells.size() || cells.get(index) == null) {
            return "";
        }
        return cells.get(index).trim();
    }

    /** For the log: which header name feeds which contact field. */
    public String describe() {
        StringBuilder sb = new StringBuilder("phone='").append(header.get(phone)).append('\'');
        if (firstName >= 0) {
            sb.append(", first name='").append(header.get(firstName)).append('\'');
        }
        if (lastName >= 0) {
            sb.append(", last name='").append(header.get(lastName)).append('\'');
        }
        if (group >= 0) {
            sb.append(", group='").append(header.get(group)).append('\'');
        }
        if (!customFields.isEmpty()) {
            sb.append(", custom fields ").append(customFields.values());
        }
        return ControlChars.escape(sb.toString()); // header names are the file's text: never a second log line
    }
}
