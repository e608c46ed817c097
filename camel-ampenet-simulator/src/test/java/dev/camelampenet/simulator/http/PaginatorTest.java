package dev.camelampenet.simulator.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Laravel's LengthAwarePaginator::toArray() and its UrlWindow links (docs/ampenet-api.md §7). */
class PaginatorTest {

    private static final String PATH = "http://127.0.0.1:8089/api/v3/sms";

    private static Map<String, Object> page(int total, int current) {
        int from = (current - 1) * Paginator.PER_PAGE;
        int rows = Math.max(0, Math.min(Paginator.PER_PAGE, total - from));
        return Paginator.page(Collections.nCopies(rows, "row"), total, current, PATH, "&laquo; Previous", "Next &raquo;");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> links(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("links");
    }

    private static List<String> labels(Map<String, Object> page) {
        return links(page).stream().map(l -> (String) l.get("label")).collect(Collectors.toList());
    }

    private static List<String> expected(String... parts) {
        List<String> out = new ArrayList<>();
        out.add("&laquo; Previous");
        for (String p : parts) {
            if (p.contains("..") && !p.equals("...")) {
                String[] bounds = p.split("\\.\\.");
                IntStream.rangeClosed(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])).forEach(i -> out.add(String.valueOf(i)));
            } else {
                out.add(p);
            }
        }
        out.add("Next &raquo;");
        return out;
    }

    @Test
    void keysComeInToArrayOrder() {
        assertThat(page(30, 1).keySet()).containsExactly("current_page", "data", "first_page_url", "from", "last_page",
                "last_page_url", "links", "next_page_url", "path", "per_page", "prev_page_url", "to", "total");
    }

    @Test
    void aMiddlePageHasEveryUrl() {
        Map<String, Object> p = page(80, 2);

        assertThat(p.get("current_page")).isEqualTo(2);
        assertThat((List<?>) p.get("data")).hasSize(25);
        assertThat(p.get("first_page_url")).isEqualTo(PATH + "?page=1");
        assertThat(p.get("from")).isEqualTo(26);
        assertThat(p.get("to")).isEqualTo(50);
        assertThat(p.get("last_page")).isEqualTo(4);
        assertThat(p.get("last_page_url")).isEqualTo(PATH + "?page=4");
        assertThat(p.get("next_page_url")).isEqualTo(PATH + "?page=3");
        assertThat(p.get("prev_page_url")).isEqualTo(PATH + "?page=1");
        assertThat(p.get("path")).isEqualTo(PATH);
        assertThat(p.get("per_page")).isEqualTo(25);
        assertThat(p.get("total")).isEqualTo(80);
    }

    @Test
    void theLastPageIsShort() {
        Map<String, Object> p = page(80, 4);

        assertThat(p.get("from")).isEqualTo(76);
        assertThat(p.get("to")).isEqualTo(80);
        assertThat(p.get("next_page_url")).isNull();
    }

    @Test
    void anEmptyListIsOnePageWithNullFromAndTo() {
        Map<String, Object> p = page(0, 1);

        assertThat((List<?>) p.get("data")).isEmpty();
        assertThat(p.get("from")).isNull();
        assertThat(p.get("to")).isNull();
        assertThat(p.get("last_page")).isEqualTo(1);
        assertThat(p.get("last_page_url")).isEqualTo(PATH + "?page=1");
        assertThat(p.get("next_page_url")).isNull();
        assertThat(p.get("prev_page_url")).isNull();
        assertThat(p.get("total")).isEqualTo(0);
        assertThat(links(p)).containsExactly(
                link(null, "&laquo; Previous", false),
                link(PATH + "?page=1", "1", true),
                link(null, "Next &raquo;", false));
    }

    private static Map<String, Object> link(String url, String label, boolean active) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("url", url);
        m.put("label", label);
        m.put("active", active);
        return m;
    }

    @Test
    void aPageBeyondTheLastIsEmptyButStillPointsBack() {
        Map<String, Object> p = page(30, 5);

        assertThat((List<?>) p.get("data")).isEmpty();
        assertThat(p.get("current_page")).isEqualTo(5);
        assertThat(p.get("from")).isNull();
        assertThat(p.get("to")).isNull();
        assertThat(p.get("last_page")).isEqualTo(2);
        assertThat(p.get("next_page_url")).isNull();
        assertThat(p.get("prev_page_url")).isEqualTo(PATH + "?page=4");
        assertThat(labels(p)).isEqualTo(expected("1..2"));
        assertThat(links(p)).noneMatch(l -> Boolean.TRUE.equals(l.get("active")));
    }

    @Test
    void fewPagesAreAllListed() {
        assertThat(labels(page(13 * 25, 7))).isEqualTo(expected("1..13"));
    }

    @Test
    void aMiddlePageOfTwentyHasASliderOfSeven() {
        Map<String, Object> p = page(20 * 25, 10);

        assertThat(labels(p)).isEqualTo(expected("1..2", "...", "7..13", "...", "19..20"));
        assertThat(links(p)).filteredOn(l -> Boolean.TRUE.equals(l.get("active"))).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("label", "10").containsEntry("url", PATH + "?page=10"));
        assertThat(links(p)).filteredOn(l -> "...".equals(l.get("label")))
                .allSatisfy(l -> assertThat(l).containsEntry("url", null).containsEntry("active", false));
        assertThat(links(p).get(0)).containsEntry("url", PATH + "?page=9");
        assertThat(links(p).get(links(p).size() - 1)).containsEntry("url", PATH + "?page=11");
    }

    @Test
    void nearTheStartTheFirstTenAreListed() {
        assertThat(labels(page(20 * 25, 1))).isEqualTo(expected("1..10", "...", "19..20"));
        assertThat(labels(page(20 * 25, 7))).isEqualTo(expected("1..10", "...", "19..20"));
        assertThat(labels(page(20 * 25, 8))).isEqualTo(expected("1..2", "...", "5..11", "...", "19..20"));
        assertThat(links(page(20 * 25, 1)).get(0)).containsEntry("url", null);
    }

    @Test
    void nearTheEndTheLastTenAreListed() {
        assertThat(labels(page(20 * 25, 14))).isEqualTo(expected("1..2", "...", "11..20"));
        assertThat(labels(page(20 * 25, 20))).isEqualTo(expected("1..2", "...", "11..20"));
        assertThat(labels(page(20 * 25, 13))).isEqualTo(expected("1..2", "...", "10..16", "...", "19..20"));
        assertThat(labels(page(14 * 25, 1))).isEqualTo(expected("1..10", "...", "13..14"));
    }

    @Test
    void offsetsAndPageNumbers() {
        assertThat(Paginator.offset(1)).isZero();
        assertThat(Paginator.offset(3)).isEqualTo(50);
        assertThat(Paginator.offset(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void currentPageIsAPositiveIntegerElseOne() {
        assertThat(Paginator.currentPage(request("page=3"))).isEqualTo(3);
        assertThat(Paginator.currentPage(request(null))).isEqualTo(1);
        assertThat(Paginator.currentPage(request("page=0"))).isEqualTo(1);
        assertThat(Paginator.currentPage(request("page=-2"))).isEqualTo(1);
        assertThat(Paginator.currentPage(request("page=abc"))).isEqualTo(1);
    }

    private static ApiRequest request(String query) {
        return new ApiRequest(1, "GET", "/api/v3/sms", query, "http://127.0.0.1", Map.of(), new byte[0]);
    }
}
