package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.s2svpn.framework.auth.ClientSigners;

/**
 * Every real client's signed request, byte for byte as the client sends it (see {@link ClientSigners}), over real HTTP:
 * accepted with values full of characters the clients encode differently, and refused with 401 when signed with the
 * wrong secret.
 */
@RunWith(Parameterized.class)
public class ClientSignatureFormsTest {

    /** Signs command + params with the given keys the way one client does. */
    private interface Signer {
        String sign(String command, Map<String, String> params, String apiKey, String secret);
    }

    /** One client's way to send a request: its name, GET or form POST, and its signer. */
    private record Form(String name, String method, Signer signer) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** python3-cs by default: signatureVersion=3, expires in CLOUDSTACK_EXPIRATION (600 s). */
    private static final Signer PYTHON_CS = (c, p, k, s) -> ClientSigners.pythonCs(c, p, k, s, expiresIn(600));
    /** python3-cs with a negative CLOUDSTACK_EXPIRATION: neither signatureVersion nor expires. */
    private static final Signer PYTHON_CS_NO_EXPIRATION = (c, p, k, s) -> ClientSigners.pythonCs(c, p, k, s, null);

    @Parameterized.Parameters(name = "{0}")
    public static List<Form> forms() {
        return List.of(
                new Form("python3-cs GET, signatureVersion 3", "GET", PYTHON_CS),
                new Form("python3-cs --post, signatureVersion 3", "POST", PYTHON_CS),
                new Form("python3-cs GET, no expiration", "GET", PYTHON_CS_NO_EXPIRATION),
                new Form("python3-cs --post, no expiration", "POST", PYTHON_CS_NO_EXPIRATION),
                new Form("go-cloudstack GET", "GET", ClientSigners::goCloudstack),
                new Form("libcloud GET", "GET", ClientSigners::libcloud),
                new Form("csclient GET", "GET", (c, p, k, s) -> ClientSigners.csclient(c, p, k, s, expiresIn(300))),
                new Form("cmk GET", "GET", ClientSigners::cmk),
                new Form("cmk form POST", "POST", ClientSigners::cmkPostForm));
    }

    private static TestServer server;
    private static String apiKey;
    private static String secret;

    @BeforeClass
    public static void startServer() throws Exception {
        server = TestServer.start("h2");
        Map<String, String> keys = TestServer.readKeys(server.dataDir().resolve("admin.keys"));
        apiKey = keys.get("apikey");
        secret = keys.get("secretkey");
    }

    @AfterClass
    public static void stopServer() throws Exception {
        server.close();
    }

    private final Form form;

    public ClientSignatureFormsTest(Form form) {
        this.form = form;
    }

    @Test
    public void awkwardValuesAreAcceptedAndRoundTripExactly() {
        Map<String, String> account = newAccountParams();
        ApiClient.Answer answer = send(account, secret);
        assertEquals(answer.body(), 200, answer.status());
        JsonObject user = answer.inner().getAsJsonObject("account").getAsJsonArray("user").get(0).getAsJsonObject();
        for (String field : List.of("username", "firstname", "lastname", "email")) {
            assertEquals(field, account.get(field), user.get(field).getAsString());
        }
    }

    @Test
    public void wrongSecretIsRejectedWith401() {
        Map<String, String> account = newAccountParams();
        ApiClient.Answer answer = send(account, secret + "x");
        assertEquals(answer.body(), 401, answer.status());
        assertEquals(401, answer.inner().get("errorcode").getAsInt());
        assertFalse(answer.body(), server.admin().call("listAccounts", "name", account.get("account")).inner().has("account"));
    }

    private ApiClient.Answer send(Map<String, String> params, String signingSecret) {
        return server.admin().sendRaw(form.method(), form.signer().sign("createAccount", params, apiKey, signingSecret));
    }

    /**
     * createAccount with space and + / = , ; * ~ [0] % é in the free-text fields (which accept any character). Not "[x]":
     * csclient rewrites %5Bx%5D to ".x" in the whole URL, values included, so it would not send the value it was given.
     */
    private static Map<String, String> newAccountParams() {
        String name = ApiWireTest.unique("forms");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("username", name);
        params.put("password", "pw a+b/c=d*e~");
        params.put("account", name);
        params.put("accounttype", "0");
        params.put("firstname", "Zoë a+b/c=d,e;f*g~h");
        params.put("lastname", "tags[0].key 100%");
        params.put("email", "a+b/c=d,e;f*g~h@example.org");
        return params;
    }

    private static String expiresIn(long seconds) {
        return ClientSigners.expires(Instant.now().plusSeconds(seconds));
    }
}
