package io.agentry.outbound.control;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of IP addresses in CIDR notation ({@code 169.254.0.0/16}, {@code fe80::/10}); a single
 * address without a prefix is a block of one. IPv4 and IPv6 blocks never contain each other's addresses
 * (Java already turns an IPv4-mapped IPv6 address into its IPv4 address).
 */
public record AddressRange(byte[] network, int prefix, String text) {

    public static AddressRange parse(String cidr) {
        String trimmed = cidr.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+") || (!address.contains(":") && !address.matches("[0-9.]+"))) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address range (CIDR)");
        }
        byte[] bytes;
        try {
            // A literal: never looked up in DNS.
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address range (CIDR)", e);
        }
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length", e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + cidr + "': the prefix length must be 0 to " + bits);
        }
        return new AddressRange(bytes, prefix, trimmed);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
