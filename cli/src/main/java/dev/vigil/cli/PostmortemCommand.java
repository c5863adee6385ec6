package dev.vigil.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code vigil incidents postmortem}: a resolved incident's postmortem in Markdown, saved as a draft or published on
 * the status page's incident page. Without {@code --file} the saved Markdown is kept, so publishing a reviewed draft
 * is one command; without {@code --publish} or {@code --draft} the publication state is kept too.
 */
@Command(name = "postmortem", mixinStandardHelpOptions = true,
        description = {"Write, publish or delete a resolved incident's postmortem (Markdown; raw HTML is removed "
                + "when it is shown).",
                "  vigil incidents postmortem ID -f postmortem.md        save (a draft unless already published)",
                "  vigil incidents postmortem ID --publish               publish the saved one on the status page",
                "  vigil incidents postmortem ID                         print the saved one",
                "  vigil incidents postmortem ID --delete"})
final class PostmortemCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "INCIDENT", description = "The resolved incident's id")
    String incident;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The Markdown (- for stdin)")
    Path file;

    @ArgGroup(exclusive = true)
    Publication publication;

    static final class Publication {

        @Option(names = "--publish", description = "Show it on the status pages' incident page")
        boolean publish;

        @Option(names = "--draft", description = "Keep it off the status pages (unpublish)")
        boolean draft;

        @Option(names = "--delete", description = "Delete it")
        boolean delete;
    }

    PostmortemCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VigilApi api = global.api(environment);
        String path = "/api/v1/incidents/" + IncidentsCommand.id(incident) + "/postmortem";
        if (publication != null && publication.delete) {
            if (file != null) {
                throw new CliException(ExitCodes.USAGE, "--delete takes no --file");
            }
            api.delete(path);
            environment.out().println("Postmortem deleted.");
            environment.out().flush();
            return ExitCodes.OK;
        }
        JsonNode saved;
        if (file == null && publication == null) {
            saved = api.get(path);
        } else {
            // Publishing alone needs the saved Markdown; saving alone keeps the saved publication state (none: draft).
            JsonNode current = file == null ? api.get(path) : publication == null ? saved(api, path) : null;
            String body = file != null ? read(file) : current.path("body").asString();
            boolean published = publication != null ? publication.publish : current.path("published").asBoolean();
            saved = api.put(path, VigilApi.JSON.createObjectNode().put("body", body).put("published", published)
                    .toString());
        }
        if (global.json()) {
            Output.json(environment.out(), saved);
            return ExitCodes.OK;
        }
        Output.table(environment, List.of("INCIDENT", "STATE", "PUBLISHED", "UPDATED", "AUTHOR"),
                List.of(List.of(Output.text(saved, "incidentId"), saved.path("published").asBoolean() ? "published"
                        : "draft", Output.text(saved, "publishedAt"), Output.text(saved, "updatedAt"),
                        Output.text(saved, "author"))));
        if (file == null && publication == null) {
            environment.out().println();
            environment.out().println(saved.path("body").asString());
            environment.out().flush();
        }
        return ExitCodes.OK;
    }

    /** The saved postmortem, or a JSON null when none is saved yet. */
    private static JsonNode saved(VigilApi api, String path) {
        try {
            return api.get(path);
        } catch (CliException e) {
            if (e.exitCode() == ExitCodes.NOT_FOUND) {
                return VigilApi.JSON.nullNode();
            }
            throw e;
        }
    }

    /** The Markdown of {@code markdown}, or of stdin for {@code -}. */
    private String read(Path markdown) {
        try {
            return markdown.toString().equals("-") ? new String(environment.in().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(markdown);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.INVALID, "no such file: " + markdown);
        } catch (IOException e) {
            throw new CliException(ExitCodes.INVALID, "cannot read " + markdown + ": " + e.getMessage());
        }
    }
}
