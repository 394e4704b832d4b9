package io.agentry.outbound.control;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs the server may call: http or https, no credentials in the URL, and a host none of
 * whose addresses is in a denied range — nor loopback or the unspecified address ({@code 0.0.0.0},
 * {@code ::}, which reaches this machine) unless loopback is allowed. Every address a name resolves
 * to is checked: one bad address among good ones is enough to refuse.
 */
public record OutboundRule(List<AddressRange> denied, boolean allowLoopback) {

    /** How a host name becomes addresses; DNS in the server, anything in a test. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Why this URL may not be called, or empty when it may. A host that does not resolve (now) is not
     * refused here: there is nothing to connect to, and the check runs again before every connection.
     */
    public Optional<String> refusal(String url, Resolver resolver) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials (user:password@)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                return Optional.of("points at " + (host.equals(address.getHostAddress()) ? "" : host + " = ")
                        + address.getHostAddress() + ", " + refused.get());
            }
        }
        return Optional.empty();
    }

    private Optional<String> refusal(InetAddress address) {
        if (!allowLoopback && (address.isLoopbackAddress() || address.isAnyLocalAddress())) {
            return Optional.of("a loopback address, which this server does not call (agentry.outbound.allow-loopback)");
        }
        return denied.stream().filter(range -> range.contains(address)).findFirst()
                .map(range -> "in the denied range " + range + " (agentry.outbound.denied-ranges)");
    }
}
