package io.agentry.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

    private static final String ISSUER = "https://issuer.example";
    private final KeyPair key = keyPair();
    private final BearerTokens tokens = new BearerTokens(pem(key), ISSUER, 60);

    @Test
    void aValidTokenGivesItsCallerAndGroups() throws Exception {
        BearerTokens.Bearer bearer = tokens.verify(token(key, claims().claim("upn", "carol")
                .claim("groups", List.of("operator", "other")).build()));
        assertThat(bearer.name()).isEqualTo("carol");
        assertThat(bearer.groups()).containsExactly("operator", "other");
    }

    @Test
    void theCallerIsUpnThenPreferredUsernameThenSubject() throws Exception {
        assertThat(tokens.verify(token(key, claims().claim("preferred_username", "pat").build())).name()).isEqualTo("pat");
        assertThat(tokens.verify(token(key, claims().build())).name()).isEqualTo("subject");
    }

    @Test
    void aJwkIsAcceptedAsTheKey() throws Exception {
        String jwk = new RSAKey.Builder((RSAPublicKey) key.getPublic()).build().toJSONString();
        assertThat(new BearerTokens(jwk, ISSUER, 0).verify(token(key, claims().build())).name()).isEqualTo("subject");
    }

    @Test
    void expiredForeignWrongIssuerAndMalformedTokensAreRefused() {
        String expired = token(key, claims().expirationTime(Date.from(Instant.now().minusSeconds(120))).build());
        String foreign = token(keyPair(), claims().build());
        String otherIssuer = token(key, claims().issuer("https://elsewhere").build());
        String noExpiry = token(key, new JWTClaimsSet.Builder().subject("s").issuer(ISSUER).build());
        for (String token : List.of(expired, foreign, otherIssuer, noExpiry, "garbage", "")) {
            assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(BearerTokens.InvalidTokenException.class);
        }
    }

    @Test
    void withinTheClockSkewATokenIsStillValid() throws Exception {
        String justExpired = token(key, claims().expirationTime(Date.from(Instant.now().minusSeconds(10))).build());
        assertThat(tokens.verify(justExpired).name()).isEqualTo("subject");
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("subject").issuer(ISSUER)
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    private static String token(KeyPair key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(key.getPrivate()));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
