package dev.camelampenet.simulator.http;

/**
 * The HTML error views a Laravel app renders when the client did not ask for JSON. Only the status matters to a
 * client; the markup is a small, recognisable stand-in for Laravel's minimal error layout.
 */
public final class HtmlPages {

    private HtmlPages() {
    }

    public static ApiResponse error(int status) {
        String title;
        switch (status) {
            case 401: title = "Unauthorized"; break;
            case 403: title = "Forbidden"; break;
            case 404: title = "Not Found"; break;
            case 419: title = "Page Expired"; break;
            case 429: title = "Too Many Requests"; break;
            case 503: title = "Service Unavailable"; break;
            default: title = "Server Error";
        }
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + title + "</title>\n</head>\n<body class=\"antialiased\">\n"
                + "<div class=\"flex-center position-ref full-height\"><div class=\"code\">" + status
                + "</div><div class=\"message\">" + title + "</div></div>\n</body>\n</html>\n";
        return ApiResponse.html(status, html);
    }

    /** Apache's answer to the shipped .htaccess rule that strips trailing slashes. */
    public static ApiResponse movedPermanently(String location) {
        String html = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>301 Moved Permanently</title>\n"
                + "</head><body>\n<h1>Moved Permanently</h1>\n<p>The document has moved <a href=\"" + location
                + "\">here</a>.</p>\n</body></html>\n";
        return ApiResponse.html(301, html).header("Location", location);
    }
}
