package io.agentry.outbound.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundRuleTest {

    private static final List<AddressRange> DEFAULTS =
            OutboundAddresses.ranges("169.254.0.0/16, fe80::/10, fd00:ec2::254/128, 0.0.0.0/8");
    private static final OutboundRule RULE = new OutboundRule(DEFAULTS, false);

    /** Names resolve only through this table: the test never asks DNS. */
    private static OutboundRule.Resolver names(Map<String, List<String>> table) {
        return host -> {
            List<String> addresses = table.get(host);
            if (addresses == null) {
                if (host.matches("[0-9a-fA-F:.]+")) {
                    return new InetAddress[] {InetAddress.getByName(host)};
                }
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.size()];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = InetAddress.getByName(addresses.get(i));
            }
            return resolved;
        };
    }

    private static final OutboundRule.Resolver NONE = names(Map.of());

    @Test
    void cloudMetadataAndLinkLocalAddressesAreRefused() {
        assertThat(RULE.refusal("http://169.254.169.254/latest/meta-data/", NONE))
                .hasValueSatisfying(why -> assertThat(why).contains("169.254.169.254").contains("169.254.0.0/16"));
        assertThat(RULE.refusal("http://[fd00:ec2::254]/", NONE)).isPresent();
        assertThat(RULE.refusal("http://[fe80::1]/", NONE)).isPresent();
        assertThat(RULE.refusal("http://[::ffff:169.254.169.254]/", NONE)).isPresent();
    }

    @Test
    void loopbackAndTheUnspecifiedAddressNeedTheirSetting() {
        for (String url : List.of("http://127.0.0.1:8080/", "http://127.1.2.3/", "http://[::1]/", "http://0.0.0.0/",
                "http://[::]/")) {
            assertThat(RULE.refusal(url, NONE)).as(url).isPresent();
            assertThat(new OutboundRule(List.of(), true).refusal(url, NONE)).as(url).isEmpty();
        }
    }

    @Test
    void everyAddressOfANameIsChecked() {
        OutboundRule.Resolver dns = names(Map.of("mixed.example", List.of("93.184.216.34", "169.254.169.254"),
                "fine.example", List.of("93.184.216.34", "2606:2800:220:1::1")));

        assertThat(RULE.refusal("https://mixed.example/hook", dns))
                .hasValueSatisfying(why -> assertThat(why).contains("mixed.example = 169.254.169.254"));
        assertThat(RULE.refusal("https://fine.example/hook", dns)).isEmpty();
    }

    @Test
    void onlyHttpWithoutCredentialsIsCalled() {
        assertThat(RULE.refusal("ftp://example.org/", NONE)).hasValue("must be an http or https URL");
        assertThat(RULE.refusal("file:///etc/passwd", NONE)).hasValue("must be an http or https URL");
        assertThat(RULE.refusal("https://user:secret@example.org/", NONE)).hasValueSatisfying(
                why -> assertThat(why).contains("credentials").doesNotContain("secret"));
        assertThat(RULE.refusal("http:///path", NONE)).isPresent();
    }

    @Test
    void aNameThatDoesNotResolveNowIsLeftToTheCheckBeforeConnecting() {
        assertThat(RULE.refusal("https://not-yet.example/hook", NONE)).isEmpty();
    }

    @Test
    void publicAddressesPass() {
        assertThat(RULE.refusal("https://93.184.216.34/", NONE)).isEmpty();
        assertThat(RULE.refusal("http://10.1.2.3:9000/agent", NONE)).isEmpty();
    }

    @Test
    void rangesMatchByPrefix() {
        AddressRange range = AddressRange.parse("10.128.0.0/9");
        assertThat(range.contains(address("10.128.0.1"))).isTrue();
        assertThat(range.contains(address("10.255.255.255"))).isTrue();
        assertThat(range.contains(address("10.127.255.255"))).isFalse();
        assertThat(range.contains(address("::ffff:10.128.0.1"))).isTrue();
        assertThat(AddressRange.parse("fe80::/10").contains(address("febf::1"))).isTrue();
        assertThat(AddressRange.parse("fe80::/10").contains(address("fec0::1"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(address("::1"))).isFalse();
        assertThat(AddressRange.parse("192.0.2.7").contains(address("192.0.2.7"))).isTrue();
    }

    @Test
    void wrongRangesAreRefused() {
        for (String wrong : List.of("example.org/8", "10.0.0.0/33", "10.0.0.0/x", "::/129", "")) {
            assertThatThrownBy(() -> AddressRange.parse(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(OutboundAddresses.ranges("none")).isEmpty();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
