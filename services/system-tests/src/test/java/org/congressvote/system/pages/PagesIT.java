package org.congressvote.system.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
import org.congressvote.testsupport.ServiceJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The pages in a real browser (Debian's headless Chromium), against both services as processes on the real servers:
 * the secretary checks delegates in and opens a motion on the console, three delegates vote from three separate
 * browsers on the phone page, the projector shows the turnout rise and the result with its base and threshold; a
 * secret ballot warns before an invalid ballot and gives a receipt; the audit page verifies the chain; the language
 * switch holds across a reload. Screenshots of every page go to target/screenshots/.
 */
@ExtendWith(RealServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesIT {

    private static final String ADMIN_PASSWORD =
            org.congressvote.system.SystemTestAdmin.PASSWORD; // shared: one PostgreSQL per JVM
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Daxoniq.update-checker.disabled=true");
    private static final String CONGRESS = "pages-e2e";
    private static final String MOTION = "chuong-trinh-pages";
    private static final String ELECTION = "bch-pages";
    private static final List<String> DELEGATES = List.of("D001", "D002", "D003");
    private static final Map<String, String> NAMES =
            Map.of("D001", "Nguyễn Thị Hồng Yến", "D002", "Trần Văn Đức", "D003", "Lê Hoàng Phúc");

    private static ServiceJvm commandService;
    private static ServiceJvm queryService;
    private static CongressApi api;
    private static Browser secretary;
    private static Browser projector;
    private static final List<Browser> phones = new ArrayList<>();
    private static final Map<String, String> cardCodes = new java.util.HashMap<>();

    @BeforeAll
    static void startServicesAndConveneTheCongress() throws Exception {
        queryService = ServiceJvm.jar("query-service", ServiceJvm.jarOf("congress.queryServiceJar"))
                .jvmOptions(JVM_OPTIONS)
                .args(List.of(
                        "--spring.data.mongodb.uri=" + RealServers.mongoUri() + "/pages",
                        "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap()))
                .start();
        // the pages learn the query-service's address from the command-service's configuration, not from their URL
        commandService = ServiceJvm.jar("command-service", ServiceJvm.jarOf("congress.commandServiceJar"))
                .jvmOptions(JVM_OPTIONS)
                .args(List.of(
                        "--CONGRESS_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                        "--congress.pages.query-base=" + queryService.baseUrl(),
                        // the secretariat opens and closes the round alone: a one-member committee run by the
                        // server
                        "--congress.counting.demo-committee=true",
                        "--spring.datasource.url=" + RealServers.jdbcUrl(),
                        "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap()))
                .start();
        commandService.awaitHealthy(Duration.ofSeconds(300));
        queryService.awaitHealthy(Duration.ofSeconds(300));

        // The convening is not what these tests are about: done through the API, as an import would.
        api = new CongressApi(commandService.baseUrl()).signInAsStaff("admin", ADMIN_PASSWORD);
        api.postOk(
                "/api/congresses",
                "{\"congressId\":\"" + CONGRESS + "\",\"name\":\"Đại hội đại biểu thử nghiệm "
                        + "các trang\",\"quorum\":{\"numerator\":2,\"denominator\":3}}");
        for (String d : DELEGATES) {
            api.postOk(
                    "/api/congresses/" + CONGRESS + "/delegates",
                    "{\"delegateId\":\"" + d + "\",\"fullName\":\"" + NAMES.get(d)
                            + "\",\"organisation\":\"Chi bộ Sở Tài chính\"}");
        }
        api.postOk("/api/congresses/" + CONGRESS + "/credentials/accept-pending", "");
        api.postOk("/api/congresses/" + CONGRESS + "/credentials/complete", "");
        api.postOk("/api/congresses/" + CONGRESS + "/session/open", "");
        CongressApi projection = new CongressApi(queryService.baseUrl());
        // a fresh read model reads the whole topic first, events of the system tests that ran before included
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (projection.get("/api/congresses/" + CONGRESS + "/attendance").statusCode() != 200) {
            assertThat(System.nanoTime()).as("congress projected").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (Browser phone : phones) {
            phone.close();
        }
        for (AutoCloseable closeable : new AutoCloseable[] {secretary, projector, commandService, queryService}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    private static String console() {
        return commandService.baseUrl() + "/console/index.html";
    }

    @Test
    @Order(1)
    void theSecretaryChecksDelegatesInAndGetsTheirPrintableCards() throws Exception {
        secretary = new Browser(1280, 900);
        secretary.open(console());
        secretary.type("#username", "admin");
        secretary.type("#password", ADMIN_PASSWORD);
        secretary.click("#sign-in-button");
        // the congresses the server knows are offered to pick, each with its name and stage
        String offered = "#known-congresses option[value='" + CONGRESS + "']";
        secretary.await(d -> !d.findElements(By.cssSelector(offered)).isEmpty());
        assertThat(secretary.find(offered).getDomProperty("textContent"))
                .isEqualTo("Đại hội đại biểu thử nghiệm các trang — Đang họp");
        // a mistyped id is refused where it was typed, and not remembered
        secretary.type("#congress-id", CONGRESS + "x");
        secretary.click("#congress-form button[type=submit]");
        assertThat(secretary.text("#congress-form .near-error"))
                .isEqualTo("Không có đại hội nào mang mã " + CONGRESS + "x. Kiểm tra lại mã (mã không được ghi nhớ).");
        assertThat(secretary.driver.executeScript("return localStorage.getItem('cv.console.congress')"))
                .isNull();
        secretary.type("#congress-id", CONGRESS);
        secretary.click("#congress-form button[type=submit]");
        secretary.await(d -> secretary.all("#congress-form .near-error").isEmpty()
                && !secretary.find("#flash").isDisplayed());
        secretary.click("[data-tab=roster]");
        // the roster, read from the record: every delegate, credentials accepted, nobody in the hall yet
        secretary.await(d -> d.findElements(By.cssSelector("#delegates-table tbody tr[data-delegate]"))
                        .size()
                == 3);
        assertThat(secretary.text("#delegates-table tbody")).contains("Nguyễn Thị Hồng Yến", "Tư cách hợp lệ");
        secretary.await(d -> secretary.text("#congress-stage").equals("Đang họp"));
        // in session: the earlier stages' buttons are off, closing is on (apart, with a confirmation)
        assertThat(secretary.find("#open-session").isEnabled()).isFalse();
        assertThat(secretary.find("#complete-credentials").isEnabled()).isFalse();
        assertThat(secretary.find("#close-congress").isEnabled()).isTrue();
        secretary.screenshot("console-roster", true);

        for (String d : DELEGATES) {
            secretary.click("tr[data-delegate='" + d + "'] button[data-action=check-in]");
            secretary.await(driver -> secretary.all("#card-area .delegate-card-name").stream()
                    .anyMatch(name -> name.isDisplayed() && name.getText().equals(NAMES.get(d))));
            WebElement code = secretary.find("#card-area .card-code");
            assertThat(secretary.all("#card-area .qr svg"))
                    .as("QR code drawn by our own script")
                    .hasSize(1);
            cardCodes.put(d, code.getDomAttribute("data-code"));
            if (d.equals("D001")) {
                secretary.screenshot("console-card", false);
            }
            secretary.click("[data-tab=roster]");
        }
        assertThat(cardCodes.values()).allSatisfy(c -> assertThat(c).matches("[A-Z0-9-]{10,}"));
        secretary.await(d -> secretary.text("#fig-present").equals("3"));
        assertThat(secretary.text("#fig-quorum-met")).isEqualTo("Đủ số lượng");
    }

    @Test
    @Order(2)
    void theSecretaryOpensAMotionAndThreeDelegatesVoteWhileTheProjectorCountsThem() throws Exception {
        projector = new Browser(1920, 1080);
        projector.open(queryService.baseUrl() + "/?congress=" + CONGRESS);
        projector.await(d -> projector.text("#present").equals("3")
                && projector.text("#connection").equals("Trực tiếp"));

        secretary.click("[data-tab=motions]");
        secretary.type("#motion-id", MOTION);
        secretary.type("#motion-title", "Thông qua Chương trình đại hội");
        secretary.type("#motion-text", "Đại hội biểu quyết thông qua chương trình làm việc.");
        assertThat(secretary.text("#motion-rule-preview"))
                .isEqualTo("Quy tắc: Thông qua khi quá 1/2 số đại biểu được triệu tập.");
        secretary.click("#motion-form button[type=submit]");
        secretary.click("section.motion[data-motion='" + MOTION + "'] button[data-action=open]");
        secretary.await(
                d -> !d.findElements(By.cssSelector("section.motion[data-motion='" + MOTION + "'][data-status=OPEN]"))
                        .isEmpty());
        projector.await(d -> projector.text("#current-title").equals("Thông qua Chương trình đại hội")
                && projector.text("#turnout").equals("0"));
        projector.screenshot("dashboard-open", false);

        String[] choices = {"AGREE", "AGREE", "DISAGREE"};
        for (int n = 0; n < DELEGATES.size(); n++) {
            final int i = n;
            Browser phone = new Browser(360, 740);
            phones.add(phone);
            phone.open(commandService.baseUrl() + "/vote/index.html");
            phone.type("#card-code", cardCodes.get(DELEGATES.get(i)));
            if (i == 0) {
                phone.screenshot("vote-sign-in", false);
            }
            phone.click("#sign-in-button");
            phone.await(d -> phone.text("#delegate-name").equals(NAMES.get(DELEGATES.get(i))));
            String card = "section.vote-card[data-vote-id='" + MOTION + "']";
            phone.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(card + " button[data-choice]")));
            if (i == 0) {
                phone.screenshot("vote-motion", false);
            }
            assertThat(phone.text("#votes"))
                    .as("no refusal shown: nothing written under the buttons")
                    .doesNotContain("null");
            String disagreeRed =
                    phone.find(card + " button[data-choice=DISAGREE]").getCssValue("background-color");
            phone.click(card + " button[data-choice=" + choices[i] + "]");
            assertThat(phone.text(card + " .chosen")).isEqualTo(i < 2 ? "Tán thành" : "Không tán thành");
            // the next step is read out from its heading, and the choice is stated, not offered as a button
            assertThat(focusedClass(phone)).contains("confirm-question");
            WebElement chosen = phone.find(card + " .chosen");
            assertThat(chosen.getTagName()).isNotEqualTo("button");
            assertThat(chosen.getCssValue("background-color")).isEqualTo("rgba(0, 0, 0, 0)");
            assertThat(chosen.getCssValue("cursor")).isNotEqualTo("pointer");
            assertThat(phone.find(card + " button.confirm").getCssValue("background-color"))
                    .as("sending is not the red of Không tán thành")
                    .isNotEqualTo(disagreeRed);
            if (i == 0) {
                phone.screenshot("vote-confirm", false);
            }
            phone.click(card + " button.confirm");
            assertThat(phone.text(card + " .recorded-title")).isEqualTo("Phiếu của bạn đã được ghi nhận");
            phone.await(d -> focusedClass(phone).contains("recorded-title"), Duration.ofSeconds(5));
            if (i == 0) {
                phone.screenshot("vote-recorded", false);
            }
            // the projector shows each vote within a second or so, by itself
            String expected = Integer.toString(i + 1);
            long sent = System.nanoTime();
            projector.await(d -> projector.text("#turnout").equals(expected), Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - sent))
                    .as("turnout on the projector")
                    .isLessThan(Duration.ofMillis(2500));
        }
        projector.screenshot("dashboard-turnout", false);

        // a reload (or a dropped connection) shows the same state, asked of the server
        Browser first = phones.get(0);
        first.driver.navigate().refresh();
        assertThat(first.text("section.vote-card[data-vote-id='" + MOTION + "'] .recorded-choice"))
                .isEqualTo("Ý kiến của bạn: Tán thành");

        // who voted how, for the secretariat
        secretary.click("section.motion[data-motion='" + MOTION + "'] button[data-action=who]");
        secretary.await(
                d -> !d.findElements(By.cssSelector(".named-votes .not-voted")).isEmpty());
        assertThat(secretary.text("section.motion[data-motion='" + MOTION + "'] .named-votes"))
                .contains("Tán thành (2)", "Không tán thành (1)", "Chưa biểu quyết (0)");
        secretary.screenshot("console-motions", true);

        secretary.click("section.motion[data-motion='" + MOTION + "'] button[data-action=close]");
        secretary.await(ExpectedConditions.alertIsPresent()).accept();

        projector.await(d -> projector.text("#current-kind").equals("KẾT QUẢ BIỂU QUYẾT"), Duration.ofSeconds(5));
        projector.await(d -> !projector.all(".outcome").isEmpty(), Duration.ofSeconds(5));
        assertThat(projector.text(".outcome")).isEqualTo("THÔNG QUA");
        assertThat(projector.text(".rule-line")).isEqualTo("Cơ sở: 3 đại biểu được triệu tập — cần 2 phiếu");
        assertThat(projector.all("svg.chart rect.bar")).hasSize(3);
        assertThat(projector.find("svg.chart text[data-row='0']").getText()).isEqualTo("2");
        assertThat(projector.find("svg.chart text[data-row='1']").getText()).isEqualTo("1");
        projector.screenshot("dashboard-result", false);

        // the phones do not just drop the card: closed, the delegate's vote recorded, and the result
        String closed = "section.closed-card[data-vote-id='" + MOTION + "']";
        first.await(
                d -> !d.findElements(By.cssSelector(closed + " .closed-result")).isEmpty(), Duration.ofSeconds(10));
        assertThat(first.text(closed + " .closed-recorded")).isEqualTo("Phiếu của bạn đã được ghi nhận: Tán thành.");
        assertThat(first.text(closed + " .closed-result")).startsWith("Kết quả: THÔNG QUA.");
        first.screenshot("vote-closed", false);
    }

    @Test
    @Order(3)
    void aBallotTheRulesMakeInvalidIsWarnedAboutButCanStillBeSentAndItsReceiptChecked() throws Exception {
        // the secretary sets the election up on the console: seats, the round's candidate list, open
        secretary.click("[data-tab=elections]");
        secretary.type("#election-id", ELECTION);
        secretary.type("#election-title", "Bầu Ban Chấp hành");
        secretary.type("#election-seats", "2");
        secretary.click("#election-form button[type=submit]");
        String election = "section.election[data-election='" + ELECTION + "']";
        secretary.type(election + " form.start-round textarea", "c1; Võ Thị Mai\nc2; Đặng Quốc Huy\nc3; Bùi Thanh Tâm");
        secretary.click(election + " form.start-round button[type=submit]");
        secretary.click(election + " button[data-action=open-round]");
        projector.await(
                d -> projector.text("#current-title").equals("Bầu Ban Chấp hành — lần bầu 1")
                        && projector.text("#turnout").equals("0"),
                Duration.ofSeconds(5));

        Browser phone = phones.get(0);
        String card = "section.vote-card[data-kind=ROUND]";
        phone.await(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(card + " li.candidate")),
                Duration.ofSeconds(10));
        assertThat(phone.all(card + " li.candidate")).hasSize(3);
        assertThat(phone.text(card + " .kept-count")).isEqualTo("Đang giữ 3 tên — được bầu tối đa 2");
        phone.click(card + " .submit-ballot");
        // three names kept for two seats: invalid, said before it is sent
        assertThat(phone.text(card + " .invalid-warning"))
                .contains("Phiếu này sẽ không hợp lệ", "Bạn giữ 3 tên, nhiều hơn số người cần bầu (2).");
        phone.screenshot("ballot-invalid-warning", true);
        phone.click(card + " button.secondary");
        // striking out one name makes it valid: no warning any more
        phone.click(card + " li[data-candidate=c3] button.strike");
        assertThat(phone.find(card + " li[data-candidate=c3]").getDomAttribute("class"))
                .contains("struck");
        phone.click(card + " .submit-ballot");
        assertThat(phone.all(card + " .invalid-warning")).isEmpty();
        phone.click(card + " button.secondary");
        // keeping nobody on a list longer than the seats is invalid too; the delegate sends it anyway
        phone.click(card + " li[data-candidate=c1] button.strike");
        phone.click(card + " li[data-candidate=c2] button.strike");
        phone.click(card + " .submit-ballot");
        assertThat(phone.text(card + " .invalid-warning")).contains("Bạn gạch tên tất cả");
        phone.click(card + " button.confirm");
        String receipt = phone.text(card + " .receipt-code");
        assertThat(receipt).matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
        phone.screenshot("ballot-receipt", true);
        // secret ballot: the projector shows the turnout only, no count until the close
        projector.await(d -> projector.text("#turnout").equals("1"), Duration.ofSeconds(5));
        assertThat(projector.all("svg.chart")).isEmpty();
        assertThat(projector.text("#current-kind")).isEqualTo("BẦU CỬ BẰNG PHIẾU KÍN — ĐANG BỎ PHIẾU");
        projector.screenshot("dashboard-ballot", false);

        secretary.click(election + " button[data-action=close-round]");
        secretary.await(ExpectedConditions.alertIsPresent()).accept();
        secretary.await(d -> secretary.text(election + " .round").contains("thu vào 1, hợp lệ 0, không hợp lệ 1"));
        secretary.screenshot("console-elections", true);
        projector.await(d -> projector.text("#current-kind").equals("KẾT QUẢ BẦU CỬ"), Duration.ofSeconds(5));
        assertThat(projector.text("#current-body"))
                .contains(
                        "Cơ sở: 3 đại biểu được triệu tập — cần 2 phiếu",
                        "thu vào 1, hợp lệ 0, không hợp lệ 1",
                        "Không có người trúng cử");
        projector.screenshot("dashboard-election-result", false);
        phone.await(
                d -> !d.findElements(By.cssSelector(".receipts-card .receipt-check input"))
                        .isEmpty(),
                Duration.ofSeconds(10));
        assertThat(phone.find(".receipts-card .receipt-check input").getDomProperty("value"))
                .isEqualTo(receipt);
        phone.click(".receipts-card .receipt-check button");
        phone.await(
                d -> !d.findElements(By.cssSelector(".receipt-result [data-found=true]"))
                        .isEmpty(),
                Duration.ofSeconds(10));
        // the receipt proves the sealed ballot was counted, never what it said
        assertThat(phone.text(".receipt-result"))
                .contains("Phiếu kín của bạn đã có trong hòm phiếu và đã được kiểm")
                .doesNotContain("Tên được giữ", "Phiếu không hợp lệ");
        phone.screenshot("ballot-receipt-checked", true);
        // beside the receipt the phone keeps the proof that its ballot participation is in the signed log (a head is
        // signed at the close), and checks later that it is still there: never what the ballot said
        String proof = "#proofs .receipt-check[data-round='" + ELECTION + "-r1']";
        phone.await(d -> !d.findElements(By.cssSelector(proof + " button")).isEmpty(), Duration.ofSeconds(90));
        assertThat(phone.text(proof)).contains("Chỉ chứng minh bạn đã bỏ phiếu kín", "Đã giữ: việc bạn bỏ phiếu");
        phone.click(proof + " button");
        phone.await(
                d -> !d.findElements(By.cssSelector(proof + " [data-still-there=true]"))
                        .isEmpty(),
                Duration.ofSeconds(10));
        assertThat(phone.text(proof))
                .contains("Việc bạn bỏ phiếu vẫn còn trong nhật ký")
                .doesNotContain("Võ Thị Mai", "Đặng Quốc Huy", "Bùi Thanh Tâm");
        phone.screenshot("ballot-proof-checked", true);
        // a shared device: signing out leaves nothing of the delegate (receipt, pending ballot, what was voted)
        assertThat((Long) phone.script("return Object.keys(localStorage).filter(k => k.startsWith('cv.vote.')).length"))
                .isPositive();
        phone.click("#sign-out");
        phone.await(
                d -> !d.findElements(By.cssSelector("#sign-in:not([hidden])")).isEmpty(), Duration.ofSeconds(5));
        assertThat((Long) phone.script("return Object.keys(localStorage).concat(Object.keys(sessionStorage))"
                        + ".filter(k => k.startsWith('cv.vote.')).length"))
                .isZero();
    }

    @Test
    @Order(4)
    void theAuditPageVerifiesTheChainAndFiltersTheLog() throws Exception {
        secretary.open(commandService.baseUrl() + "/audit/index.html");
        secretary.click("#verify");
        secretary.await(d ->
                !d.findElements(By.cssSelector("#verify-result [data-intact]")).isEmpty());
        assertThat(secretary.find("#verify-result [data-intact]").getDomAttribute("data-intact"))
                .isEqualTo("true");
        assertThat(secretary.text("#verify-result"))
                .contains("Nhật ký toàn vẹn")
                .containsPattern("[0-9a-f]{64}");
        // the congress the console works on is the filter already; the events read as a secretary says them
        assertThat(secretary.find("#f-congress").getDomProperty("value")).isEqualTo(CONGRESS);
        secretary.type("#f-motion", MOTION);
        secretary.click("#filter-form button[type=submit]");
        secretary.await(d -> secretary.text("#events-count").equals("Đang hiện 6 sự kiện."));
        String events = secretary.text("#events tbody");
        assertThat(events)
                .contains("Lập nội dung biểu quyết", "Đại biểu biểu quyết", "Kết thúc biểu quyết")
                .contains("Ý kiến", "Tán thành", "Đại biểu", "D001")
                .doesNotContain("VoteCastEvent", "MotionCreatedEvent", "{\"", "\"choice\"");
        secretary.screenshot("audit", false);
        // another congress's id in the filter: none of this congress's events
        secretary.type("#f-congress", "pages-hall");
        secretary.click("#filter-form button[type=submit]");
        secretary.await(d -> secretary.text("#events-count").equals("Đang hiện 0 sự kiện."));
        secretary.type("#f-congress", CONGRESS);

        // one sign-in for the staff pages: the console and back, no sign-in form; the projector's link names the
        // congress
        assertThat(secretary.find("#nav-dashboard").getDomAttribute("href"))
                .isEqualTo(queryService.baseUrl() + "/?congress=" + CONGRESS);
        secretary.click("#nav-console");
        secretary.await(d -> secretary.find("#workspace").isDisplayed());
        assertThat(secretary.find("#sign-in").isDisplayed()).isFalse();
        assertThat(secretary.find("#nav-dashboard").getDomAttribute("href"))
                .isEqualTo(queryService.baseUrl() + "/?congress=" + CONGRESS);
        secretary.click("#nav-audit");
        secretary.await(d -> secretary.find("#workspace").isDisplayed());
        assertThat(secretary.find("#sign-in").isDisplayed()).isFalse();
        assertThat(secretary.find("#f-congress").getDomProperty("value")).isEqualTo(CONGRESS);
    }

    @Test
    @Order(5)
    void theLanguageSwitchTurnsEveryPageToEnglishAndIsRemembered() throws Exception {
        projector.click("[data-lang-switch]");
        projector.await(d -> projector.text("#connection").equals("Live"));
        assertThat(projector.text(".figure-label")).isEqualTo("delegates present / summoned");
        projector.driver.navigate().refresh();
        projector.await(d -> projector.text("#connection").equals("Live"));
        projector.await(d -> !projector.all(".rule-line").isEmpty());
        assertThat(projector.text("#current-kind")).isEqualTo("ELECTION RESULT");
        projector.screenshot("dashboard-english", false);

        Browser phone = phones.get(1);
        phone.click("[data-lang-switch]");
        // the switch loads the other language's messages, then renders again: wait for it as a person would
        phone.await(d -> phone.text("header h1").equals("Delegate's vote"));
        assertThat(phone.text("#no-open-votes p"))
                .as("rendered again in English without a reload")
                .isEqualTo("Nothing is open for voting right now.");
        phone.driver.navigate().refresh();
        phone.await(d -> phone.text("header h1").equals("Delegate's vote"));
        assertThat(phone.driver.getTitle()).isEqualTo("Vote — Delegate");
        phone.click("[data-lang-switch]");
        phone.await(d -> phone.text("header h1").equals("Biểu quyết của đại biểu"));

        secretary.open(commandService.baseUrl() + "/index.html");
        secretary.await(d -> secretary.text("#link-vote strong").equals("Biểu quyết (đại biểu)"));
        assertThat(secretary.find("#link-dashboard").getDomAttribute("href")).startsWith(queryService.baseUrl());
        secretary.screenshot("landing", false);
    }

    @Test
    @Order(6)
    void aRosterWithBadRowsIsRefusedWithAReportNamingEveryRowAndAGoodOneIsImported() throws Exception {
        secretary.open(console());
        secretary.click("#show-create-congress");
        secretary.type("#new-congress-id", "pages-roster");
        secretary.type("#new-congress-name", "Đại hội thử nhập danh sách");
        secretary.click("#create-congress-form button[type=submit]");
        secretary.await(d -> secretary.text("#congress-stage").equals("Đã triệu tập"));
        secretary.click("[data-tab=roster]");

        java.nio.file.Path bad = java.nio.file.Files.writeString(
                java.nio.file.Path.of("target", "roster-bad.csv").toAbsolutePath(),
                "code,full_name,organisation,kind\nR001,Phan Thị Thu Hà,TC01,chính thức\nR001,Ngô Văn Bảy,TC02,chính thức\n"
                        + "R003,,TC03,chính thức\n");
        secretary.find("#roster-file").sendKeys(bad.toString());
        secretary.click("#roster-form button[type=submit]");
        secretary.await(d ->
                !secretary.all("#roster-report table.roster-problems tbody tr").isEmpty());
        assertThat(secretary.text("#roster-report .message"))
                .isEqualTo("Danh sách bị từ chối: 2 dòng sai, chưa nhập dòng nào. Sửa các dòng dưới đây rồi nhập lại.");
        List<String> lines = secretary.all("#roster-report tbody tr td:first-child").stream()
                .map(WebElement::getText)
                .toList();
        assertThat(lines).containsExactly("3", "4");
        assertThat(secretary.text("#roster-report tbody")).contains("R001", "R003");
        secretary.screenshot("console-roster-report", false);

        java.nio.file.Path good = java.nio.file.Files.writeString(
                java.nio.file.Path.of("target", "roster-good.csv").toAbsolutePath(),
                "code,full_name,organisation,kind\nR001,Phan Thị Thu Hà,TC01,chính thức\nR002,Ngô Văn Bảy,TC02,dự khuyết\n");
        secretary.find("#roster-file").sendKeys(good.toString());
        secretary.click("#roster-form button[type=submit]");
        secretary.await(d -> secretary.text("#roster-report .message").equals("Đã nhập 2 đại biểu."));
        secretary.await(
                d -> secretary.all("#delegates-table tbody tr[data-delegate]").size() == 2);
        assertThat(secretary.text("tr[data-delegate=R002]")).contains("Ngô Văn Bảy", "Dự khuyết", "Chưa xét tư cách");
    }

    @Test
    @Order(7)
    void aDelegateSignsInAgainWithTheirCardAndIsToldWhenAVoteClosedBeforeTheirsArrived() throws Exception {
        // typos on the hall's one address: the same wrong code over and over is told how long to wait
        Browser phone = new Browser(390, 844);
        phones.add(phone);
        phone.open(commandService.baseUrl() + "/vote/index.html");
        for (int i = 0; i < 7; i++) {
            phone.type("#card-code", "SAI0-SAI0-SAI0");
            phone.click("#sign-in-button");
            phone.await(d -> !phone.text("#sign-in-error").isEmpty()
                    && phone.find("#sign-in-button").isEnabled());
        }
        assertThat(phone.text("#sign-in-error"))
                .matches("Đã thử quá nhiều lần\\. Vui lòng chờ [1-3] giây rồi thử lại\\.");
        phone.screenshot("vote-sign-in-wait", false);

        // the card signs in again after "Đăng xuất", and the other browser's session ends
        String code = cardCodes.get("D003");
        phone.type("#card-code", code);
        phone.click("#sign-in-button");
        phone.await(d -> phone.text("#delegate-name").equals(NAMES.get("D003")));
        phone.click("#sign-out");
        phone.await(ExpectedConditions.visibilityOfElementLocated(By.id("card-code")));
        phone.type("#card-code", code);
        phone.click("#sign-in-button");
        phone.await(d -> phone.text("#delegate-name").equals(NAMES.get("D003")));
        Browser earlier = phones.get(2); // D003 signed in there in the motion's test
        earlier.await(d -> earlier.find("#sign-in-error").isDisplayed(), Duration.ofSeconds(10));
        assertThat(earlier.text("#sign-in-error")).contains("thẻ được dùng đăng nhập trên máy khác");

        // a vote confirmed just after the close: said on the phone, not silently dropped
        String late = "bo-sung-pages";
        api.postOk(
                "/api/congresses/" + CONGRESS + "/motions",
                "{\"motionId\":\"" + late + "\",\"title\":\"Bổ sung chương trình\"}");
        api.postOk("/api/motions/" + late + "/open", "");
        String card = "section.vote-card[data-vote-id='" + late + "']";
        phone.await(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(card + " button[data-choice]")),
                Duration.ofSeconds(10));
        phone.click(card + " button[data-choice=AGREE]");
        api.postOk("/api/motions/" + late + "/close", "");
        phone.driver.executeScript("document.querySelector(arguments[0]).click()", card + " button.confirm");
        String closed = "section.closed-card[data-vote-id='" + late + "']";
        phone.await(
                d -> !d.findElements(By.cssSelector(closed + " .closed-result")).isEmpty(), Duration.ofSeconds(10));
        assertThat(phone.find(closed).getDomAttribute("data-recorded")).isEqualTo("false");
        assertThat(phone.text(closed + " .closed-not-recorded")).containsIgnoringCase("không");
        assertThat(phone.text(closed + " .closed-result")).startsWith("Kết quả: KHÔNG THÔNG QUA.");
        phone.screenshot("vote-closed-late", false);

        // checked out: not "not checked in yet", but where to go
        api.postOk("/api/congresses/" + CONGRESS + "/delegates/D003/check-out", "{\"reason\":\"Về đơn vị công tác\"}");
        phone.await(d -> phone.find("#presence-hint").isDisplayed(), Duration.ofSeconds(10));
        assertThat(phone.text("#delegate-presence"))
                .isEqualTo("Không được ghi là có mặt trong hội trường: chưa thể biểu quyết");
        assertThat(phone.text("#presence-hint")).contains("bàn điểm danh");
        phone.screenshot("vote-not-present", false);
    }

    @Test
    @Order(8)
    void aProjectorSwitchedOnAfterARoundClosedShowsItsResult() throws Exception {
        String congress = "pages-hall";
        api.postOk("/api/congresses", "{\"congressId\":\"" + congress + "\",\"name\":\"Đại hội chỉ có bầu cử\"}");
        api.postOk(
                "/api/congresses/" + congress + "/delegates",
                "{\"delegateId\":\"D001\",\"fullName\":\"Hồ Văn Nam\"," + "\"organisation\":\"Chi bộ 1\"}");
        api.postOk("/api/congresses/" + congress + "/credentials/accept-pending", "");
        api.postOk("/api/congresses/" + congress + "/credentials/complete", "");
        api.postOk("/api/congresses/" + congress + "/session/open", "");
        String card = api.postOk("/api/congresses/" + congress + "/delegates/D001/check-in", "")
                .get("credentialCode")
                .asText();
        api.postOk(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"bk-hall\",\"title\":\"Bầu Ban Kiểm tra\"," + "\"seats\":1}");
        api.postOk(
                "/api/elections/bk-hall/rounds",
                "{\"candidates\":[{\"candidateId\":\"c1\",\"fullName\":\"Lý Thị Lan\"}]}");
        api.postOk("/api/elections/bk-hall/open", "");
        api.postOk("/api/elections/bk-hall/close", "");
        CongressApi projection = new CongressApi(queryService.baseUrl());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!projection.get("/api/elections/bk-hall").body().contains("\"CLOSED\"")) {
            assertThat(System.nanoTime()).as("round closed on the query side").isLessThan(deadline);
            Thread.sleep(100);
        }

        Browser fresh = new Browser(1920, 1080);
        phones.add(fresh); // closed with the others
        fresh.open(queryService.baseUrl() + "/?congress=" + congress);
        fresh.await(d -> fresh.text("#current-kind").equals("KẾT QUẢ BẦU CỬ"), Duration.ofSeconds(10));
        assertThat(fresh.text("#current-title")).startsWith("Bầu Ban Kiểm tra");

        // a committee of 15 from 37 names: every name, its votes and the elected readable on one 1920x1080 screen
        api.postOk(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"bch-37\",\"title\":\"Bầu Ban Chấp hành\"," + "\"seats\":15}");
        StringBuilder candidates = new StringBuilder();
        StringBuilder kept = new StringBuilder();
        String[] family = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"};
        String[] given = {"Thị Hồng Yến", "Văn Đức", "Hoàng Phúc", "Quốc Huy", "Thanh Tâm", "Minh Khôi", "Ngọc Ánh"};
        for (int i = 1; i <= 37; i++) {
            candidates
                    .append(i > 1 ? "," : "")
                    .append("{\"candidateId\":\"k")
                    .append(i)
                    .append("\",\"fullName\":\"")
                    .append(family[i % family.length])
                    .append(' ')
                    .append(given[i % given.length])
                    .append("\"}");
            if (i <= 15) {
                kept.append(i > 1 ? "," : "").append("\"k").append(i).append('"');
            }
        }
        api.postOk("/api/elections/bch-37/rounds", "{\"candidates\":[" + candidates + "]}");
        api.postOk("/api/elections/bch-37/open", "");
        fresh.await(
                d -> fresh.text("#current-kind").equals("BẦU CỬ BẰNG PHIẾU KÍN — ĐANG BỎ PHIẾU"),
                Duration.ofSeconds(10));
        aDelegateMarksA37NameBallotWithTheCountAndTheButtonInView(card);
        api.phone(card).postOk("/api/rounds/bch-37-r1/ballots", "{\"kept\":[" + kept + "]}");
        api.postOk("/api/elections/bch-37/close", "");
        fresh.await(d -> fresh.all(".candidate-grid .cand").size() == 37, Duration.ofSeconds(10));
        assertThat(fresh.all(".candidate-grid .cand.elected")).hasSize(15);
        fresh.screenshot("dashboard-election-37", false);
        for (WebElement name : fresh.all(".candidate-grid .cand-name")) {
            assertThat(name.isDisplayed()).isTrue();
            assertThat(fresh.driver.executeScript("return arguments[0].scrollWidth <= arguments[0].clientWidth", name))
                    .as("the whole name, not cut: " + name.getText())
                    .isEqualTo(true);
            assertThat(name.getRect().getY() + name.getRect().getHeight())
                    .as("on the screen")
                    .isLessThanOrEqualTo(1080);
            assertThat(Double.parseDouble(name.getCssValue("font-size").replace("px", "")))
                    .as("text size, px")
                    .isGreaterThanOrEqualTo(24);
        }
        WebElement electedLine = fresh.find(".elected-line");
        assertThat(electedLine.getText()).isEqualTo("Trúng cử: 15 người (đánh dấu ✓ ở trên)");
        assertThat(electedLine.getRect().getY() + electedLine.getRect().getHeight())
                .isLessThanOrEqualTo(1080);
    }

    @Test
    @Order(9)
    void bothServicesSendASecurityPolicyAndRedirectWithoutTheHostHeader() throws Exception {
        // the shared client follows no redirect: the 302 itself is what is checked
        for (String page : List.of(commandService.baseUrl() + "/vote/index.html", queryService.baseUrl() + "/")) {
            Answer answer = new CongressApi(page).get("");
            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .as(page)
                    .get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .contains("default-src 'self'", "frame-ancestors 'none'");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(page).contains("no-referrer");
            assertThat(answer.headers().firstValue("X-Content-Type-Options"))
                    .as(page)
                    .contains("nosniff");
        }
        for (ServiceJvm service : List.of(commandService, queryService)) {
            assertThat(new CongressApi(service.baseUrl())
                            .get("/assets/favicon.svg")
                            .statusCode())
                    .as("the tab's icon, no 404")
                    .isEqualTo(200);
        }
        Answer redirect = new CongressApi(commandService.baseUrl()).get("/vote");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location"))
                .as("a path, not http://<Host header>/vote/")
                .contains("/vote/");
    }

    /**
     * An election with nominations, from the console and the phones: the presidium's name and a member's (refused
     * until their consent is recorded), a delegate's ứng cử on a Vietnamese phone and a refused đề cử on an English
     * one; the seats and surplus (over 30 % refused with its figures), the list (too long refused with its figures, in
     * English), each put to the congress and voted on the phones as any motion; the approved list on the console, the
     * phone and the projector; the first round set up on it.
     */
    @Test
    @Order(10)
    void theSecretaryRunsNominationsSeatsAndTheListToTheFirstRoundWhileDelegatesNominateFromTheirPhones()
            throws Exception {
        String congress = "pages-nom";
        signInTheSecretaryIfAlone();
        Map<String, String> cards = congressInSession(congress, "Đại hội thử đề cử");
        CongressApi projection = new CongressApi(queryService.baseUrl());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!projection
                .get("/api/congresses/" + congress + "/attendance")
                .body()
                .contains("\"present\":3")) {
            assertThat(System.nanoTime()).as("congress projected").isLessThan(deadline);
            Thread.sleep(100);
        }

        secretary.open(console() + "?congress=" + congress);
        secretary.click("[data-tab=elections]");
        secretary.type("#election-id", "bch-nom");
        secretary.type("#election-title", "Bầu Ban Chấp hành khóa mới");
        new org.openqa.selenium.support.ui.Select(secretary.find("#election-procedure")).selectByValue("SEATS_VOTED");
        assertThat(secretary.find("#election-seats").isEnabled())
                .as("the congress votes the seats")
                .isFalse();
        secretary.click("#election-form button[type=submit]");
        String election = "section.election[data-election='bch-nom']";
        String form = election + " form.nomination-form";
        secretary.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(form)));

        // the presidium's name: a delegate, named as on the roster
        secretary.type(form + " input[name=candidateId]", "D001");
        secretary.click(form + " button[type=submit]");
        secretary.await(d -> !secretary.all(election + " tr[data-nominee=D001]").isEmpty());
        assertThat(secretary.text(election + " tr[data-nominee=D001]"))
                .contains(NAMES.get("D001"), "Đoàn Chủ tịch đề xuất", "Đại biểu");
        // a member who is not a delegate: refused, in words, until their consent is recorded
        new org.openqa.selenium.support.ui.Select(secretary.find(form + " select[name=kind]"))
                .selectByValue("DELEGATE");
        secretary.type(form + " input[name=fullName]", "Trương Văn Mười");
        secretary.type(form + " input[name=nominatedBy]", "D002");
        secretary.click(form + " button[type=submit]");
        assertThat(secretary.text(form + " .near-error"))
                .isEqualTo("Người được đề cử không phải là đại biểu cần có ý kiến đồng ý được ghi nhận.");
        secretary.type(form + " input[name=consent]", "Đơn đồng ý ngày 2/12");
        secretary.click(form + " button[type=submit]");
        String member = election + " tr[data-nominee=m-truong-van-muoi]";
        secretary.await(d -> !secretary.all(member).isEmpty());
        assertThat(secretary.text(member)).contains("Trương Văn Mười", "Đề cử", "đã có ý kiến đồng ý");

        // ứng cử from a phone, in Vietnamese
        Browser phone = new Browser(360, 740);
        phones.add(phone);
        phone.open(commandService.baseUrl() + "/vote/index.html");
        phone.type("#card-code", cards.get("D003"));
        phone.click("#sign-in-button");
        String nominations = "section.nominations-card[data-election='bch-nom']";
        phone.click(nominations + " button[data-action=self-nominate]");
        phone.await(d -> !phone.all(nominations + " .self-nominated").isEmpty()
                || !phone.all(nominations + " [role=alert]").isEmpty());
        assertThat(phone.all(nominations + " [role=alert]"))
                .as(phone.text(nominations))
                .isEmpty();
        assertThat(phone.text(nominations + " .self-nominated")).isEqualTo("Bạn có tên trong danh sách giới thiệu.");
        assertThat(phone.text(nominations + " [role=status]")).isEqualTo("Đã ghi nhận: bạn ứng cử.");
        assertThat(phone.text(nominations + " ol.nominee-list"))
                .contains(NAMES.get("D001"), "Trương Văn Mười", NAMES.get("D003"));
        phone.screenshot("vote-nominations", true);
        // đề cử from another phone, in English: someone already nominated is refused, in English
        Browser english = new Browser(360, 740);
        phones.add(english);
        english.open(commandService.baseUrl() + "/vote/index.html");
        english.click("[data-lang-switch]");
        english.await(d -> english.text("header h1").equals("Delegate's vote"));
        english.type("#card-code", cards.get("D002"));
        english.click("#sign-in-button");
        english.type(nominations + " input[name=candidateId]", "D001");
        english.click(nominations + " button[data-action=nominate-other]");
        assertThat(english.text(nominations + " [role=alert]"))
                .isEqualTo("This person has already been nominated in this election.");
        assertThat(english.text(nominations + " h3")).isEqualTo("Nominate someone else");

        secretary.await(
                d -> secretary.all(election + " table.nominees tbody tr").size() == 3);
        assertThat(secretary.text(election + " tr[data-nominee=D003]")).contains("Ứng cử", NAMES.get("D003"));

        // the seats and the surplus: over 30 % of the seats refused with its figures, then put to the congress
        String seats = election + " form.seats-form";
        secretary.type(seats + " input[name=seats]", "2");
        secretary.type(seats + " input[name=surplus]", "1");
        secretary.click(seats + " button[type=submit]");
        assertThat(secretary.text(seats + " .near-error"))
                .isEqualTo("Số dư 1 vượt quá 30 % của 2 người cần bầu: tối đa 0.");
        secretary.type(seats + " input[name=surplus]", "0");
        secretary.click(seats + " button[type=submit]");
        String seatsMotion =
                secretary.await(d -> d.findElement(By.cssSelector(election + " .proposal[data-kind=SEATS]"))
                        .getDomAttribute("data-motion")); // read at once: the card is redrawn as the votes arrive
        assertThat(secretary.text(election + " .proposal[data-kind=SEATS]"))
                .contains("Số lượng 2, số dư 0", "Chờ biểu quyết");
        showOfHandsOnThePhones(election, seatsMotion, phone, english);
        assertThat(secretary.text(election + " .seats-decided"))
                .isEqualTo("Đại hội đã quyết định: bầu 2 người, số dư 0 (danh sách tối đa 2 người)");
        secretary.await(d -> secretary
                .text(election + " .proposal[data-kind=SEATS]")
                .contains("Tán thành 2. Cơ sở: 3 (số đại biểu được triệu tập) — cần 2 phiếu."));
        assertThat(secretary.text(election + " .proposal[data-kind=SEATS]")).contains("Đại hội tán thành");

        // the list, on an English console: three names for 2 seats refused with the figures; two put and adopted
        secretary.click("[data-lang-switch]");
        String list = election + " form.list-form";
        secretary.await(d -> secretary.text(list + " h4").equals("Candidate list"));
        secretary.click(list + " button[type=submit]");
        assertThat(secretary.text(list + " .near-error"))
                .isEqualTo("The list has 3 names for 2 seats: at most 2 (2 + the surplus of 0 the congress decided).");
        secretary.click(list + " input[value=m-truong-van-muoi]");
        secretary.click(list + " button[type=submit]");
        String listMotion = secretary.await(d -> d.findElement(By.cssSelector(election + " .proposal[data-kind=LIST]"))
                .getDomAttribute("data-motion")); // read at once: the card is redrawn as the votes arrive
        showOfHandsOnThePhones(election, listMotion, phone, english);
        secretary.await(d -> secretary.all(election + " .approved-list li").size() == 2);
        assertThat(secretary.text(election + " .approved-list"))
                .contains("Candidate list approved by the congress (2 names)", NAMES.get("D001"), NAMES.get("D003"));
        secretary.screenshot("console-nominations", true);

        // the approved list on the phone and on the projector, with the congress's decisions and their counts
        phone.await(
                d -> phone.all(nominations + "[data-phase=approved] ol.approved-list li")
                                .size()
                        == 2,
                Duration.ofSeconds(20));
        assertThat(phone.text(nominations)).contains("Danh sách bầu cử đã được đại hội thông qua: 2 người.");
        Browser hall = new Browser(1920, 1080);
        phones.add(hall); // closed with the others
        hall.open(queryService.baseUrl() + "/?congress=" + congress);
        hall.await(d -> !hall.all("#current[data-status=LIST_APPROVED]").isEmpty(), Duration.ofSeconds(10));
        assertThat(hall.text("#current-kind")).isEqualToIgnoringCase("Danh sách bầu cử đã được đại hội thông qua");
        assertThat(hall.all(".candidate-grid.names .cand")).hasSize(2);
        assertThat(hall.text(".seats-line")).isEqualTo("Bầu 2 người — số dư 0 (danh sách tối đa 2 người)");
        assertThat(hall.all(".decision[data-outcome=ADOPTED]")).hasSize(2);
        assertThat(hall.text(".decision[data-motion='" + listMotion + "']"))
                .contains("Danh sách bầu cử 2 người", "THÔNG QUA", "cơ sở: 3 đại biểu được triệu tập, cần 2 phiếu");
        hall.screenshot("dashboard-list", false);

        // the first round is set up on the approved list, in its order
        secretary.click(election + " button[data-action=start-approved]");
        secretary.await(
                d -> !secretary.all(election + " .round[data-round='1']").isEmpty());
        assertThat(secretary.text(election + " .round[data-round='1']"))
                .contains("Round 1 — 2 seats", NAMES.get("D001") + ", " + NAMES.get("D003"));
        secretary.click("[data-lang-switch]");
        secretary.await(d -> secretary.text("header h1").equals("Bàn điều hành đại hội"));
    }

    /**
     * Bodies and alternates on the pages: the secretary creates the first plenum's election on the console with the
     * executive committee as its electorate, and the delegation with its alternate seat; the console shows whose base
     * ("2 of 3 members of the Ban Chấp hành") and the alternates in rank order, the projector the body's base and the
     * alternates. The rounds themselves are run through the API (their pages are tested above).
     */
    @Test
    @Order(11)
    void theConsoleAndTheProjectorShowABodysOwnBaseAndTheAlternatesInRankOrder() throws Exception {
        String congress = "pages-bodies";
        signInTheSecretaryIfAlone();
        Map<String, String> cards = congressInSession(congress, "Đại hội thử các cơ quan");
        String everyone = "{\"candidates\":["
                + String.join(
                        ",",
                        DELEGATES.stream()
                                .map(d -> "{\"candidateId\":\"" + d + "\",\"fullName\":\"" + NAMES.get(d) + "\"}")
                                .toList())
                + "]}";
        // the executive committee: the three delegates, elected by the congress
        api.postOk(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"bch-b\",\"title\":\"Bầu Ban Chấp hành\",\"seats\":3}");
        api.postOk("/api/elections/bch-b/rounds", everyone);
        api.postOk("/api/elections/bch-b/open", "");
        for (String d : DELEGATES) {
            api.phone(cards.get(d)).postOk("/api/rounds/bch-b-r1/ballots", "{\"kept\":[\"D001\",\"D002\",\"D003\"]}");
        }
        api.postOk("/api/elections/bch-b/close", "");

        // the first plenum's standing committee, created on the console with the committee as its electorate
        secretary.open(console() + "?congress=" + congress);
        secretary.click("[data-tab=elections]");
        secretary.await(d ->
                !secretary.all("#election-electorate option[value='bch-b']").isEmpty());
        secretary.await(d ->
                secretary.text("section.election[data-election='bch-b'] .round").contains("Trúng cử"));
        secretary.type("#election-id", "btv-b");
        secretary.type("#election-title", "Bầu Ban Thường vụ");
        secretary.find("#election-seats").clear();
        secretary.type("#election-seats", "2");
        new org.openqa.selenium.support.ui.Select(secretary.find("#election-electorate")).selectByValue("bch-b");
        assertThat(secretary.find("#election-procedure").isEnabled())
                .as("a body's own election takes its list with each round")
                .isFalse();
        secretary.click("#election-form button[type=submit]");
        String btv = "section.election[data-election='btv-b']";
        secretary.await(d -> !secretary.all(btv + " .electorate-line").isEmpty());
        assertThat(secretary.text(btv + " .electorate-line")).isEqualTo("Người bầu: 3 ủy viên Ban Chấp hành");
        api.postOk("/api/elections/btv-b/rounds", everyone);
        api.postOk("/api/elections/btv-b/open", "");
        api.phone(cards.get("D001")).postOk("/api/rounds/btv-b-r1/ballots", "{\"kept\":[\"D001\",\"D002\"]}");
        api.phone(cards.get("D002")).postOk("/api/rounds/btv-b-r1/ballots", "{\"kept\":[\"D001\",\"D002\"]}");
        api.phone(cards.get("D003")).postOk("/api/rounds/btv-b-r1/ballots", "{\"kept\":[\"D003\"]}");
        api.postOk("/api/elections/btv-b/close", "");
        secretary.await(d -> !secretary.all(btv + " .round-base").isEmpty(), Duration.ofSeconds(15));
        assertThat(secretary.text(btv + " .round-base"))
                .isEqualTo("Cơ sở: cần 2 trên 3 ủy viên Ban Chấp hành được triệu tập (3 có mặt).");

        Browser hall = new Browser(1920, 1080);
        phones.add(hall); // closed with the others
        hall.open(queryService.baseUrl() + "/?congress=" + congress);
        hall.await(d -> hall.text("#current-title").startsWith("Bầu Ban Thường vụ"), Duration.ofSeconds(15));
        assertThat(hall.text(".rule-line")).isEqualTo("Cơ sở: 3 ủy viên Ban Chấp hành được triệu tập — cần 2 phiếu");
        assertThat(hall.text(".body-present")).isEqualTo("3 trên 3 ủy viên có mặt");
        hall.screenshot("dashboard-plenum-round", false);

        // the delegation: one delegate and one alternate allocated by the level above, created on the console
        secretary.type("#election-id", "dbtp-b");
        secretary.type("#election-title", "Bầu Đoàn đại biểu dự Đại hội thành phố");
        new org.openqa.selenium.support.ui.Select(secretary.find("#election-procedure"))
                .selectByValue("SEATS_ALLOCATED");
        secretary.find("#election-seats").clear();
        secretary.type("#election-seats", "1");
        secretary.find("#election-alternates").clear();
        secretary.type("#election-alternates", "1");
        secretary.click("#election-form button[type=submit]");
        String dbtp = "section.election[data-election='dbtp-b']";
        secretary.await(d -> !secretary.all(dbtp).isEmpty());
        assertThat(secretary.text(dbtp))
                .contains("1 đại biểu dự khuyết (đã bầu 0)", "Người bầu: các đại biểu của đại hội");
        for (String d : List.of("D001", "D002")) {
            api.postOk(
                    "/api/elections/dbtp-b/nominations",
                    "{\"candidateId\":\"" + d + "\",\"fullName\":\"" + NAMES.get(d) + "\",\"kind\":\"PRESIDIUM\"}");
        }
        showOfHandsByApi(
                congress,
                cards,
                api.postOk("/api/elections/dbtp-b/seats", "{\"seats\":0,\"surplus\":0}")
                        .get("motionId")
                        .asText());
        showOfHandsByApi(
                congress,
                cards,
                api.postOk("/api/elections/dbtp-b/list", "{\"candidateIds\":[\"D001\",\"D002\"]}")
                        .get("motionId")
                        .asText());
        api.postOk("/api/elections/dbtp-b/rounds", "{}");
        api.postOk("/api/elections/dbtp-b/open", "");
        // the phone's ballot keeps the seat and the alternate: two names, and no invalid-ballot warning
        Browser phone = new Browser(390, 844);
        phones.add(phone);
        phone.open(commandService.baseUrl() + "/vote/index.html");
        phone.type("#card-code", cards.get("D003"));
        phone.click("#sign-in-button");
        String ballot = "section.vote-card[data-kind=ROUND]";
        phone.await(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(ballot + " li.candidate")),
                Duration.ofSeconds(10));
        assertThat(phone.text(ballot + " .round-line"))
                .isEqualTo("Lần bầu thứ 1 — bầu 1 đại biểu chính thức và 1 đại biểu dự khuyết");
        assertThat(phone.text(ballot + " .kept-count")).isEqualTo("Đang giữ 2 tên — được bầu tối đa 2");
        phone.click(ballot + " .submit-ballot");
        phone.await(d -> focusedClass(phone).contains("confirm-question"));
        assertThat(phone.all(ballot + " .invalid-warning"))
                .as("seats + alternates kept: a valid ballot")
                .isEmpty();
        assertThat(phone.text(ballot)).as("nothing but the ballot's own words").doesNotContain("null");
        phone.screenshot("ballot-delegation-alternates", false);
        api.phone(cards.get("D001")).postOk("/api/rounds/dbtp-b-r1/ballots", "{\"kept\":[\"D001\",\"D002\"]}");
        api.phone(cards.get("D002")).postOk("/api/rounds/dbtp-b-r1/ballots", "{\"kept\":[\"D001\",\"D002\"]}");
        api.phone(cards.get("D003")).postOk("/api/rounds/dbtp-b-r1/ballots", "{\"kept\":[\"D001\"]}");
        api.postOk("/api/elections/dbtp-b/close", "");
        secretary.await(d -> !secretary.all(dbtp + " .alternates-list li").isEmpty(), Duration.ofSeconds(15));
        assertThat(secretary.text(dbtp + " .alternates-list"))
                .isEqualTo("1. " + NAMES.get("D002") + " — 2 phiếu (lần bầu 1)");
        assertThat(secretary.text(dbtp + " tr[data-candidate=D002]")).contains("Dự khuyết thứ 1");
        assertThat(secretary.text(dbtp + " .round[data-round='1']")).contains("Lần bầu 1 — 1 người và 1 dự khuyết");
        assertThat(secretary.text(dbtp + " .seats-decided")).contains("danh sách tối đa 2 người");
        secretary.screenshot("console-delegation-alternates", true);
        hall.await(d -> hall.text("#current-title").startsWith("Bầu Đoàn đại biểu"), Duration.ofSeconds(15));
        hall.await(d -> !hall.all(".alternates-line").isEmpty(), Duration.ofSeconds(15));
        assertThat(hall.text(".alternates-line")).isEqualTo("Đại biểu dự khuyết theo thứ tự: 1. " + NAMES.get("D002"));
        assertThat(hall.text(".rule-line")).isEqualTo("Cơ sở: 3 đại biểu được triệu tập — cần 2 phiếu");
        hall.screenshot("dashboard-delegation-alternates", false);
    }

    /** A show of hands the three delegates agree to, through their phones' API. */
    private static void showOfHandsByApi(String congress, Map<String, String> cards, String motion) throws Exception {
        api.postOk("/api/motions/" + motion + "/open", "");
        for (String d : DELEGATES) {
            api.phone(cards.get(d)).postOk("/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}");
        }
        api.postOk("/api/motions/" + motion + "/close", "");
    }

    /** The secretary opens the proposal's show of hands on the console, two phones agree, the secretary closes it. */
    private static void showOfHandsOnThePhones(String election, String motion, Browser... voters) {
        String proposal = election + " .proposal[data-motion='" + motion + "']";
        secretary.click(proposal + " button[data-action=open]");
        for (Browser phone : voters) {
            String card = "section.vote-card[data-vote-id='" + motion + "']";
            phone.await(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector(card + " button[data-choice=AGREE]")),
                    Duration.ofSeconds(10));
            phone.click(card + " button[data-choice=AGREE]");
            phone.click(card + " button.confirm");
            phone.await(d ->
                    !d.findElements(By.cssSelector(card + " .recorded-title")).isEmpty());
        }
        secretary.click(proposal + " button[data-action=close]");
        secretary.await(ExpectedConditions.alertIsPresent()).accept();
        secretary.await(d -> !secretary.all(proposal + "[data-outcome=ADOPTED]").isEmpty());
    }

    /**
     * The 37-name ballot on a phone: the count of names kept and the send button stay on the screen wherever the list
     * is scrolled; a screen reader hears each button with the candidate's name; the focus stays on the button pressed
     * and moves to the heading of each new step. The delegate goes back without sending (the test sends by the API).
     */
    private static void aDelegateMarksA37NameBallotWithTheCountAndTheButtonInView(String cardCode) throws Exception {
        Browser phone = new Browser(390, 844);
        phones.add(phone);
        phone.open(commandService.baseUrl() + "/vote/index.html");
        phone.type("#card-code", cardCode);
        phone.click("#sign-in-button");
        String ballot = "section.vote-card[data-kind=ROUND]";
        phone.await(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(ballot + " li.candidate")),
                Duration.ofSeconds(10));
        assertThat(phone.all(ballot + " li.candidate")).hasSize(37);
        assertThat(phone.find(ballot + " li[data-candidate=k1] button.keep").getDomAttribute("aria-label"))
                .isEqualTo("Giữ Trần Văn Đức");
        assertThat(phone.find(ballot + " li[data-candidate=k1] button.strike").getDomAttribute("aria-label"))
                .isEqualTo("Gạch Trần Văn Đức");
        for (String candidate : List.of("k1", "k18", "k37")) {
            phone.script("document.querySelector(\"" + ballot + " li[data-candidate=" + candidate
                    + "]\").scrollIntoView({block: 'center'})");
            assertThat(onScreen(phone, ballot + " .kept-count"))
                    .as("count beside " + candidate)
                    .isTrue();
            assertThat(onScreen(phone, ballot + " .submit-ballot"))
                    .as("button beside " + candidate)
                    .isTrue();
            if (candidate.equals("k18")) {
                phone.screenshot("ballot-37", false);
            }
        }
        phone.click(ballot + " li[data-candidate=k37] button.strike");
        phone.await(d -> phone.text(ballot + " .kept-count").equals("Đang giữ 36 tên — được bầu tối đa 15"));
        assertThat(phone.script("return document.activeElement.getAttribute('aria-label')"))
                .as("the focus stays on the button pressed")
                .isEqualTo("Gạch " + phone.text(ballot + " li[data-candidate=k37] .candidate-name"));
        phone.click(ballot + " .submit-ballot");
        phone.await(d -> focusedClass(phone).contains("confirm-question"));
        phone.click(ballot + " button.secondary");
        phone.await(d -> "H2".equals(phone.script("return document.activeElement.tagName")));
        assertThat(phone.script("return document.activeElement.textContent")).isEqualTo("Bầu Ban Chấp hành");
    }

    private static String focusedClass(Browser browser) {
        Object name = browser.script("return document.activeElement ? document.activeElement.className : ''");
        return name == null ? "" : name.toString();
    }

    /** Whether the element is wholly inside the window, as the delegate sees it. */
    private static boolean onScreen(Browser browser, String css) {
        return Boolean.TRUE.equals(browser.script("const r = document.querySelector(\"" + css
                + "\").getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0"));
    }

    /** A test run alone (-Dit.test=PagesIT#name) has no secretary signed in by the earlier ones. */
    private void signInTheSecretaryIfAlone() throws Exception {
        if (secretary == null) {
            secretary = new Browser(1280, 900);
            secretary.open(console());
            secretary.type("#username", "admin");
            secretary.type("#password", ADMIN_PASSWORD);
            secretary.click("#sign-in-button");
            secretary.await(d -> secretary.find("#workspace").isDisplayed());
        }
    }

    /** A congress of the three delegates, credentials accepted, in session, all checked in: their card codes. */
    private Map<String, String> congressInSession(String congress, String name) throws Exception {
        api.postOk("/api/congresses", "{\"congressId\":\"" + congress + "\",\"name\":\"" + name + "\"}");
        for (String d : DELEGATES) {
            api.postOk(
                    "/api/congresses/" + congress + "/delegates",
                    "{\"delegateId\":\"" + d + "\",\"fullName\":\"" + NAMES.get(d)
                            + "\",\"organisation\":\"Chi bộ 1\"}");
        }
        api.postOk("/api/congresses/" + congress + "/credentials/accept-pending", "");
        api.postOk("/api/congresses/" + congress + "/credentials/complete", "");
        api.postOk("/api/congresses/" + congress + "/session/open", "");
        Map<String, String> cards = new java.util.HashMap<>();
        for (String d : DELEGATES) {
            cards.put(
                    d,
                    api.postOk("/api/congresses/" + congress + "/delegates/" + d + "/check-in", "")
                            .get("credentialCode")
                            .asText());
        }
        return cards;
    }
}
