package dev.camelampenet.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Laravel's {@code LengthAwarePaginator::toArray()} at 25 per page, with the page links of its UrlWindow
 * (3 on each side, "..." gaps). Page URLs follow the request URL, POST routes included (docs/ampenet-api.md §7).
 */
public final class Paginator {
    public static final int PER_PAGE = 25;
    private static final int ON_EACH_SIDE = 3;

    private Paginator() {
    }

    /** Laravel's resolveCurrentPage: an integer >= 1, else 1. */
    public static int currentPage(ApiRequest request) {
        String page = request.inputString("page");
        if (page == null) {
            return 1;
        }
        try {
            int value = Integer.parseInt(page.trim());
            return value >= 1 ? value : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Zero-based index of the first row of a page. */
    public static int offset(int page) {
        return (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * PER_PAGE);
    }

    public static Map<String, Object> page(List<?> rows, int total, int currentPage, String path,
                                           String previousLabel, String nextLabel) {
        int lastPage = Math.max((total + PER_PAGE - 1) / PER_PAGE, 1);
        Integer from = rows.isEmpty() ? null : offset(currentPage) + 1;
        Integer to = rows.isEmpty() ? null : from + rows.size() - 1;
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("current_page", currentPage);
        page.put("data", rows);
        page.put("first_page_url", url(path, 1));
        page.put("from", from);
        page.put("last_page", lastPage);
        page.put("last_page_url", url(path, lastPage));
        page.put("links", links(currentPage, lastPage, path, previousLabel, nextLabel));
        page.put("next_page_url", currentPage < lastPage ? url(path, currentPage + 1) : null);
        page.put("path", path);
        page.put("per_page", PER_PAGE);
        page.put("prev_page_url", currentPage > 1 ? url(path, currentPage - 1) : null);
        page.put("to", to);
        page.put("total", total);
        return page;
    }

    private static String url(String path, int page) {
        return path + "?page=" + page;
    }

    private static List<Map<String, Object>> links(int current, int last, String path, String prev, String next) {
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(link(current > 1 ? url(path, current - 1) : null, prev, false));
        for (Object element : window(current, last)) {
            if (element instanceof Integer) {
                int page = (Integer) element;
                links.add(link(url(path, page), String.valueOf(page), page == current));
            } else {
                links.add(link(null, "...", false));
            }
        }
        links.add(link(current < last ? url(path, current + 1) : null, next, false));
        return links;
    }

    /** UrlWindow::get(): page numbers, with "..." between the first, slider and last ranges. */
    private static List<Object> window(int current, int last) {
        List<Object> out = new ArrayList<>();
        if (last < ON_EACH_SIDE * 2 + 8) {
            range(out, 1, last);
            return out;
        }
        int window = ON_EACH_SIDE + 4;
        boolean hasPages = current != 1 || current < last;
        if (!hasPages) {
            return out;
        }
        if (current <= window) {
            range(out, 1, window + ON_EACH_SIDE);
            out.add("...");
            range(out, last - 1, last);
        } else if (current > last - window) {
            range(out, 1, 2);
            out.add("...");
            range(out, last - (window + (ON_EACH_SIDE - 1)), last);
        } else {
            range(out, 1, 2);
            out.add("...");
            range(out, current - ON_EACH_SIDE, current + ON_EACH_SIDE);
            out.add("...");
            range(out, last - 1, last);
        }
        return out;
    }

    private static void range(List<Object> out, int from, int to) {
        for (int i = from; i <= to; i++) {
            out.add(i);
        }
    }

    private static Map<String, Object> link(String url, String label, boolean active) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("url", url);
        link.put("label", label);
        link.put("active", active);
        return link;
    }
}
