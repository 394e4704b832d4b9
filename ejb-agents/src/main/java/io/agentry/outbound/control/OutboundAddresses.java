package io.agentry.outbound.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's {@link OutboundRule} from configuration ({@code agentry.outbound.*}). Asked when a
 * client gives a URL (callback_url, a remote agent's endpoints: refused with 422) and again just
 * before each call, because a name may resolve to another address later than when it was given.
 */
@ApplicationScoped
public class OutboundAddresses {

    /** The value of {@code agentry.outbound.denied-ranges} that denies no range. */
    static final String NONE = "none";

    @Inject
    @ConfigProperty(name = "agentry.outbound.denied-ranges")
    String deniedRanges;

    @Inject
    @ConfigProperty(name = "agentry.outbound.allow-loopback")
    boolean allowLoopback;

    private OutboundRule rule;

    @PostConstruct
    void configure() {
        rule = new OutboundRule(ranges(deniedRanges), allowLoopback);
    }

    /** The rule given, not configuration's: for code that runs without a container. */
    public static OutboundAddresses of(OutboundRule rule) {
        OutboundAddresses addresses = new OutboundAddresses();
        addresses.rule = rule;
        return addresses;
    }

    /** A wrong range in the configuration stops the deployment rather than the first registration. */
    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        rule.denied();
    }

    static List<AddressRange> ranges(String configured) {
        if (configured == null || configured.isBlank() || configured.strip().equalsIgnoreCase(NONE)) {
            return List.of();
        }
        return Arrays.stream(configured.split(",")).filter(s -> !s.isBlank()).map(AddressRange::parse).toList();
    }

    /** Why the server may not call this URL (to be prefixed with the field's name), or empty. */
    public Optional<String> refusal(String url) {
        return rule.refusal(url, InetAddress::getAllByName);
    }
}
