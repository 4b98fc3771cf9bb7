package org.s2svpn.server.router;

/** What the router's node answered: success, its output (JSON for the verbs that report), and its error text. */
public record RouterAnswer(boolean success, String output, String error) {
    public static RouterAnswer ok(String output) {
        return new RouterAnswer(true, output, "");
    }

    public static RouterAnswer failed(String error) {
        return new RouterAnswer(false, "", error);
    }
}
