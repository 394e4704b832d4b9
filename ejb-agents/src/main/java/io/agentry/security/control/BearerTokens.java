package io.agentry.security.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks bearer tokens (signed JWTs) as MicroProfile JWT would, from its configuration keys:
 * the key from {@code mp.jwt.verify.publickey} (PEM, JWK or JWK set) or
 * {@code mp.jwt.verify.publickey.location} (a file, a URL or a class-path resource, read once),
 * the issuer {@code mp.jwt.verify.issuer}, optionally {@code mp.jwt.verify.audiences}, with
 * {@code mp.jwt.verify.clock.skew} seconds of leeway. A token must be signed by that key
 * (RSA or EC), unexpired, and from that issuer. Its caller is {@code upn}, else
 * {@code preferred_username}, else {@code sub}; its {@code groups} are its roles.
 */
@ApplicationScoped
public class BearerTokens {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> publicKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    /** A comma list; Payara's config producer cannot inject {@code Optional<List<String>>}. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<String> audiences;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    int clockSkewSeconds;

    private DefaultJWTProcessor<SecurityContext> processor;

    /** Who a valid token speaks for. */
    public record Bearer(String name, List<String> groups) {
    }

    /** A token that is malformed, badly signed, expired, from another issuer; or tokens are not configured. */
    public static class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }

    protected BearerTokens() {
    }

    /** Outside a container (tests). */
    BearerTokens(String publicKey, String issuer, int clockSkewSeconds) {
        this.publicKey = Optional.of(publicKey);
        this.publicKeyLocation = Optional.empty();
        this.issuer = Optional.ofNullable(issuer);
        this.audiences = Optional.empty();
        this.clockSkewSeconds = clockSkewSeconds;
        configure();
    }

    @PostConstruct
    void configure() {
        Optional<String> keyText = publicKey.or(() -> publicKeyLocation.map(BearerTokens::read));
        if (keyText.isEmpty()) {
            return;
        }
        DefaultJWTProcessor<SecurityContext> configured = new DefaultJWTProcessor<>();
        configured.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS,
                new ImmutableJWKSet<>(keys(keyText.get()))));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        issuer.ifPresent(exact::issuer);
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audiences.map(BearerTokens::commaList).orElse(null), exact.build(), Set.of("exp"), null);
        claims.setMaxClockSkew(clockSkewSeconds);
        configured.setJWTClaimsSetVerifier(claims);
        processor = configured;
    }

    public boolean configured() {
        return processor != null;
    }

    public Bearer verify(String token) throws InvalidTokenException {
        if (processor == null) {
            throw new InvalidTokenException("Bearer tokens are not accepted: no mp.jwt.verify.publickey is configured");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("Invalid bearer token: " + e.getMessage());
        }
        String name = firstString(claims, "upn", "preferred_username", "sub");
        if (name == null) {
            throw new InvalidTokenException("Invalid bearer token: it names no caller (upn, preferred_username or sub)");
        }
        List<String> groups;
        try {
            groups = Optional.ofNullable(claims.getStringListClaim("groups")).orElse(List.of());
        } catch (ParseException e) {
            throw new InvalidTokenException("Invalid bearer token: groups must be a list of strings");
        }
        return new Bearer(name, groups);
    }

    private static Set<String> commaList(String text) {
        Set<String> values = new HashSet<>();
        for (String value : text.split(",")) {
            if (!value.isBlank()) {
                values.add(value.trim());
            }
        }
        return values;
    }

    private static String firstString(JWTClaimsSet claims, String... names) {
        for (String name : names) {
            Object value = claims.getClaim(name);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    /** A PEM public key, a JWK or a JWK set. */
    static JWKSet keys(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.startsWith("{")) {
                Map<String, Object> json = com.nimbusds.jose.util.JSONObjectUtils.parse(trimmed);
                return json.containsKey("keys") ? JWKSet.parse(json) : new JWKSet(JWK.parse(json));
            }
            byte[] der = Base64.getMimeDecoder().decode(trimmed.replaceAll("-----[A-Z ]+-----", ""));
            return new JWKSet(jwk(der));
        } catch (ParseException | IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException("mp.jwt.verify.publickey is not a PEM public key, a JWK or a JWK set: "
                    + e.getMessage(), e);
        }
    }

    private static JWK jwk(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(spec);
            return new RSAKey.Builder((RSAPublicKey) key).build();
        } catch (java.security.spec.InvalidKeySpecException notRsa) {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(spec);
            ECPublicKey ec = (ECPublicKey) key;
            return new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
    }

    private static String read(String location) {
        try {
            if (location.startsWith("http://") || location.startsWith("https://") || location.startsWith("file:")) {
                try (InputStream in = URI.create(location).toURL().openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return Files.readString(file);
            }
            String resource = location.startsWith("/") ? location.substring(1) : location;
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("mp.jwt.verify.publickey.location " + location + " does not exist");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("mp.jwt.verify.publickey.location " + location + " cannot be read", e);
        }
    }
}
