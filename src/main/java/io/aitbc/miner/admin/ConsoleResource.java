package io.aitbc.miner.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The operator console's page (D45) at {@code /console} on the admin port: static files from the classpath
 * ({@code console/}), no external asset, nothing built at run time. The page holds no data: it asks for the admin
 * token, keeps it in the tab ({@code sessionStorage}) and reads everything from {@code /admin} with it. Off (404) with
 * the admin API.
 */
@Path(ConsoleResource.PATH)
public class ConsoleResource {

    static final String PATH = "/console";

    private static final Map<String, String> FILES = Map.of("console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8", "index.html", "text/html; charset=utf-8");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    /** The page. */
    @GET
    public Response page() {
        return file("index.html");
    }

    /** Its script and style sheet. */
    @GET
    @Path("{file}")
    public Response asset(@PathParam("file") String name) {
        return FILES.containsKey(name) ? file(name) : Response.status(Response.Status.NOT_FOUND).build();
    }

    private static Response file(String name) {
        try (InputStream in = ConsoleResource.class.getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) {
                return Response.status(Response.Status.NOT_FOUND).build();
            }
            return Response.ok(in.readAllBytes(), FILES.get(name)).header("Content-Security-Policy", POLICY)
                    .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                    .header("Cache-Control", "no-store").build();
        } catch (IOException e) {
            return Response.serverError().build();
        }
    }
}
