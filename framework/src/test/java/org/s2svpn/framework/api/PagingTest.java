package org.s2svpn.framework.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.mockito.Mockito;
import org.s2svpn.framework.db.EntityResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The page and pagesize parameters of list commands, as a caller sees them: which items come back, and which values are refused. */
public class PagingTest {

    private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

    @ObjectName("thing")
    public record Thing(String name) {
    }

    @APICommand(name = "listThings", description = "a list command", responseObject = Thing.class)
    public static final class ListThingsCmd extends BaseListCmd {
        @Override
        public Object execute(CallContext caller) {
            return ListResponse.paged(String.class, FIVE, paging());
        }
    }

    /** Binds page and pagesize as a request would send them, then pages the five items a to e. */
    private static ListResponse<?> list(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        ListThingsCmd cmd = new ListThingsCmd();
        ParameterBinder binder = new ParameterBinder(new EntityResolver(Mockito.mock(JdbcClient.class)));
        binder.bind(CommandDescriptor.of(ListThingsCmd.class), cmd, new RequestParams(params), RoleType.User);
        return (ListResponse<?>) cmd.execute(null);
    }

    private static ApiException refused(String... namesAndValues) {
        ApiException e = assertThrows(ApiException.class, () -> list(namesAndValues));
        assertEquals(ApiErrorCode.PARAM_ERROR, e.errorCode());
        assertEquals(431, e.errorCode().httpCode());
        return e;
    }

    @Test
    public void withoutPagingEverythingIsReturned() {
        ListResponse<?> answer = list();

        assertEquals(FIVE, answer.items());
        assertEquals(5, answer.count());
    }

    @Test
    public void pagesCountFromOne() {
        assertEquals(List.of("a", "b"), list("page", "1", "pagesize", "2").items());
        assertEquals(List.of("c", "d"), list("page", "2", "pagesize", "2").items());
    }

    @Test
    public void lastPageHoldsWhatIsLeft() {
        assertEquals(List.of("e"), list("page", "3", "pagesize", "2").items());
    }

    @Test
    public void pageBeyondTheEndIsEmpty() {
        ListResponse<?> answer = list("page", "4", "pagesize", "2");

        assertEquals(List.of(), answer.items());
        assertEquals("count is the total before paging", 5, answer.count());
    }

    @Test
    public void countIsTheTotalBeforePaging() {
        assertEquals(5, list("page", "1", "pagesize", "2").count());
    }

    @Test
    public void pageSizeMinusOneMeansEverything() {
        assertEquals(FIVE, list("pagesize", "-1").items());
    }

    @Test
    public void pageSizeLargerThanTheListReturnsEverything() {
        assertEquals(FIVE, list("page", "1", "pagesize", "100").items());
    }

    @Test
    public void pageZeroIsRefused() {
        refused("page", "0", "pagesize", "2");
    }

    @Test
    public void negativePageIsRefused() {
        refused("page", "-1", "pagesize", "2");
    }

    @Test
    public void pageSizeZeroIsRefused() {
        refused("page", "1", "pagesize", "0");
    }

    @Test
    public void negativePageSizeOtherThanMinusOneIsRefused() {
        refused("page", "1", "pagesize", "-2");
    }

    @Test
    public void pageWithoutPageSizeIsRefused() {
        ApiException e = refused("page", "2");

        assertTrue(e.getMessage(), e.getMessage().toLowerCase().contains("page"));
    }

    @Test
    public void pageThatIsNotANumberIsRefused() {
        ApiException e = refused("page", "first", "pagesize", "2");

        assertTrue(e.getMessage(), e.getMessage().contains("first"));
    }

    @Test
    public void pageSizeThatIsNotANumberIsRefused() {
        ApiException e = refused("page", "1", "pagesize", "ten");

        assertTrue(e.getMessage(), e.getMessage().contains("ten"));
    }

    @Test
    public void offsetAndLimitFollowPageAndPageSize() {
        Paging third = new Paging(3, 20);

        assertEquals(40, third.offset());
        assertEquals(20, third.limit());
    }

    @Test
    public void everythingHasNoOffsetAndNoLimit() {
        Paging all = new Paging(null, -1);

        assertEquals(0, all.offset());
        assertEquals(Integer.MAX_VALUE, all.limit());
    }

    @Test
    public void pageSizeWithoutPageIsRefusedAsCloudStackDoes() {
        ApiException e = refused("pagesize", "2");

        assertTrue(e.getMessage(), e.getMessage().contains("\"page\" parameter is required"));
    }

    @Test
    public void pageWithUnlimitedPageSizeIsRefused() {
        refused("page", "1", "pagesize", "-1");
    }

    @Test
    public void pageSizeAboveTheMaximumIsRefused() {
        refused("page", "1", "pagesize", String.valueOf(Paging.DEFAULT_PAGE_SIZE + 1));
    }

    @Test
    public void aListWithoutPagingReturnsAtMostTheDefaultPageSizeWithTheFullCount() {
        List<Integer> many = java.util.stream.IntStream.range(0, Paging.DEFAULT_PAGE_SIZE + 7).boxed().toList();

        ListResponse<Integer> answer = ListResponse.paged(Integer.class, many, new Paging(null, null));

        assertEquals(Paging.DEFAULT_PAGE_SIZE, answer.items().size());
        assertEquals(Paging.DEFAULT_PAGE_SIZE + 7, answer.count());
    }
}
