package org.congressvote.system.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pages' texts: both languages have every message, every key a page names exists, and the files both services
 * serve alike (the i18n script, the stylesheet, the font) exist once, in web-support, whose jar both serve them from.
 */
class MessageBundlesTest {

    private static final Path COMMAND = Path.of("..", "command-service", "src", "main", "resources", "static");
    private static final Path QUERY = Path.of("..", "query-service", "src", "main", "resources", "static");
    private static final Path SHARED = Path.of("..", "web-support", "src", "main", "resources", "static");
    private static final Pattern KEY_IN_HTML =
            Pattern.compile("data-i18n(?:-placeholder|-title|-aria-label)?=\"([^\"]+)\"");
    private static final Pattern KEY_IN_JS = Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+)'");

    @ParameterizedTest
    @ValueSource(strings = {"command-service", "query-service"})
    void vietnameseAndEnglishHaveTheSameMessagesAndEveryKeyAPageUsesExists(String service) throws IOException {
        Path root = service.equals("command-service") ? COMMAND : QUERY;
        Map<String, String> vi = bundle(root.resolve("i18n/vi.json"));
        Map<String, String> en = bundle(root.resolve("i18n/en.json"));
        assertThat(vi.keySet()).isEqualTo(en.keySet());
        assertThat(vi.values()).allSatisfy(text -> assertThat(text).isNotBlank());
        assertThat(vi.get("lang.switch")).isEqualTo("English");

        Set<String> used = new TreeSet<>();
        for (Path served : List.of(root, SHARED)) {
            try (Stream<Path> files = Files.walk(served)) {
                for (Path file : files.filter(f ->
                                f.toString().endsWith(".html") || f.toString().endsWith(".js"))
                        .filter(f -> !f.toString().contains("vendor"))
                        .toList()) {
                    Matcher m = (file.toString().endsWith(".html") ? KEY_IN_HTML : KEY_IN_JS)
                            .matcher(Files.readString(file));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(vi.keySet()).containsAll(used);
    }

    /** Codes the services put into problem answers: the enum, and the few their web layers name themselves. */
    private static final Pattern CODE_IN_JAVA =
            Pattern.compile("(?:\\(\"code\", |ViewProblem\\.\\w+\\(|HttpStatus\\.[A-Z_]+,\\s*)\"([A-Z][A-Z_]+)\"");

    @Test
    void everyProblemCodeTheServicesSendHasASentenceInVietnameseAndEnglish() throws IOException {
        Set<String> codes = new TreeSet<>();
        for (org.congressvote.api.error.ErrorCode code : org.congressvote.api.error.ErrorCode.values()) {
            codes.add(code.name());
        }
        for (String service : new String[] {"command-service", "query-service"}) {
            try (Stream<Path> files = Files.walk(Path.of("..", service, "src", "main", "java"))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = CODE_IN_JAVA.matcher(Files.readString(file));
                    while (m.find()) {
                        codes.add(m.group(1));
                    }
                }
            }
        }
        assertThat(codes).contains("TOO_MANY_ATTEMPTS", "STORE_UNAVAILABLE", "ROUND_NOT_CLOSED", "UNAUTHENTICATED");
        Map<String, String> vi = bundle(COMMAND.resolve("i18n/vi.json"));
        Map<String, String> en = bundle(COMMAND.resolve("i18n/en.json"));
        assertThat(codes).allSatisfy(code -> {
            assertThat(vi).as("vi").containsKey("error." + code);
            assertThat(en).as("en").containsKey("error." + code);
        });
    }

    /** A service's own copy of a shared file would be served instead of the shared one, and drift from it. */
    @Test
    void theFilesBothServicesServeLiveOnceInWebSupport() throws IOException {
        List<Path> shared;
        try (Stream<Path> files = Files.walk(SHARED)) {
            shared = files.filter(Files::isRegularFile).map(SHARED::relativize).toList();
        }
        assertThat(shared)
                .extracting(Path::toString)
                .contains(
                        "assets/i18n.js",
                        "assets/app.css",
                        "assets/fonts/LiberationSans-Regular.ttf",
                        "assets/fonts/LiberationSans-Bold.ttf",
                        "assets/favicon.svg");
        for (Path file : shared) {
            assertThat(COMMAND.resolve(file)).as("command-service's own copy").doesNotExist();
            assertThat(QUERY.resolve(file)).as("query-service's own copy").doesNotExist();
        }
    }

    private static Map<String, String> bundle(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, String>>() {});
    }
}
