import { describe, expect, it } from "vitest";
import { compileGuard } from "../compile-guard.js";
import { isIpv6 } from "./ip-address.js";

const matches = (detector: string, text: string) =>
  compileGuard({ detectors: [detector] })
    .scan(text)
    .map((f) => text.slice(f.start, f.end));

describe("ipv4 detector", () => {
  it("finds dotted quads with octets 0-255", () => {
    expect(matches("ipv4", "from 10.0.0.1 and 192.168.1.254; 255.255.255.255.")).toEqual(["10.0.0.1", "192.168.1.254", "255.255.255.255"]);
    expect(matches("ipv4", "host=8.8.8.8:53")).toEqual(["8.8.8.8"]);
  });

  it("does not fire on longer dotted numbers, out-of-range octets or zero-padded ones", () => {
    expect(matches("ipv4", "version 1.2.3.4.5, build v1.2.3.4, 256.1.1.1, 10.0.0, 01.02.03.04")).toEqual([]);
    expect(matches("ipv4", "10.0.0.1a 1.10.0.0.1")).toEqual([]);
  });
});

describe("ipv6 detector", () => {
  it("finds full and compressed forms, IPv4-mapped ones and bracketed ones", () => {
    expect(matches("ipv6", "addr 2001:0db8:85a3:0000:0000:8a2e:0370:7334 up")).toEqual(["2001:0db8:85a3:0000:0000:8a2e:0370:7334"]);
    expect(matches("ipv6", "2001:db8::1, ::1 and fe80::1ff:fe23:4567:890a.")).toEqual(["2001:db8::1", "::1", "fe80::1ff:fe23:4567:890a"]);
    expect(matches("ipv6", "mapped ::ffff:192.168.0.1 and [2001:db8::7]:8080")).toEqual(["::ffff:192.168.0.1", "2001:db8::7"]);
    expect(matches("ipv6", "link fe80::1%eth0 is at fe80::1: it answers")).toEqual(["fe80::1", "fe80::1"]);
  });

  it("does not take times, MAC addresses or code paths for addresses", () => {
    expect(matches("ipv6", "at 12:30:45 or 12:30, mac 00:1A:2B:3C:4D:5E")).toEqual([]);
    expect(matches("ipv6", "std::vector, Foo::Bar, a::b::c, dead::beef and ::")).toEqual([]);
  });

  it("validates group counts and the single '::'", () => {
    expect(isIpv6("1:2:3:4:5:6:7:8")).toBe(true);
    expect(isIpv6("1:2:3:4:5:6:7:8:9")).toBe(false);
    expect(isIpv6("1:2:3:4:5:6:7")).toBe(false);
    expect(isIpv6("1::2::3")).toBe(false);
    expect(isIpv6("2001:db8:::1")).toBe(false);
    expect(isIpv6("12345::1")).toBe(false);
    expect(isIpv6("1:2:3:4:5:6:1.2.3.4")).toBe(true);
    expect(isIpv6("::ffff:999.1.1.1")).toBe(false);
  });
});
