package io.aitbc.miner.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lists what a job left under {@code out/}: regular files only, walked without following links. A symbolic link or
 * special file is refused (it could point out of the workspace). Small files are inlined while the inline budget
 * (what keeps the result under its cap) lasts.
 */
public final class ArtifactCollector {

    /** At most this many files are listed. */
    public static final int MAX_ARTIFACTS = 256;

    private ArtifactCollector() {
    }

    /**
     * @param inlineMax largest file inlined
     * @param budget total base64 characters that may be inlined
     */
    public static List<Artifact> collect(Workspace workspace, long inlineMax, long budget)
            throws IOException, ArtifactException {
        Path out = workspace.out();
        if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArtifactException("out/ is not a directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(p -> !p.equals(out)).sorted().toList();
        }
        List<Artifact> artifacts = new ArrayList<>();
        long left = budget;
        for (Path file : files) {
            String name = out.relativize(file).toString();
            if (Files.isSymbolicLink(file)) {
                throw new ArtifactException("out/" + name + " is a symbolic link; links are not followed");
            }
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ArtifactException("out/" + name + " is not a regular file");
            }
            if (artifacts.size() == MAX_ARTIFACTS) {
                break;
            }
            Artifact artifact = artifact(file, name, inlineMax, left);
            left -= artifact.contentBase64().map(String::length).orElse(0);
            artifacts.add(artifact);
        }
        return artifacts;
    }

    private static Artifact artifact(Path file, String name, long inlineMax, long budget) throws IOException {
        long size = Files.size(file);
        boolean inline = size <= inlineMax && (size + 2) / 3 * 4 <= budget;
        MessageDigest sha = sha256();
        byte[] content = null;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), sha)) {
            if (inline) {
                content = in.readAllBytes();
            } else {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        Optional<String> base64 = Optional.ofNullable(content).map(Base64.getEncoder()::encodeToString);
        return new Artifact(name, size, HexFormat.of().formatHex(sha.digest()), base64);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
