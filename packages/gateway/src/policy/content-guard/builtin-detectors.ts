import type { Detector } from "./detector.js";
import { apiKeyDetector } from "./detectors/api-key.js";
import { awsAccessKeyDetector, awsSecretKeyDetector } from "./detectors/aws-keys.js";
import { emailDetector } from "./detectors/email.js";
import { ibanDetector } from "./detectors/iban.js";
import { ipv4Detector, ipv6Detector } from "./detectors/ip-address.js";
import { paymentCardDetector } from "./detectors/payment-card.js";
import { phoneDetector } from "./detectors/phone.js";
import { privateKeyDetector } from "./detectors/private-key.js";
import { jwtDetector } from "./detectors/jwt.js";
import { usSsnDetector } from "./detectors/us-ssn.js";

export const BUILTIN_DETECTORS: ReadonlyMap<string, Detector> = new Map(
  [
    emailDetector,
    phoneDetector,
    paymentCardDetector,
    ibanDetector,
    usSsnDetector,
    ipv4Detector,
    ipv6Detector,
    awsAccessKeyDetector,
    awsSecretKeyDetector,
    apiKeyDetector,
    privateKeyDetector,
    jwtDetector,
  ].map((d) => [d.name, d]),
);

export const DETECTOR_PACKS: ReadonlyMap<string, readonly string[]> = new Map([
  ["pack:pii-default", ["email", "phone", "payment_card", "iban", "us_ssn", "ipv4", "ipv6"]],
  ["pack:secrets-default", ["aws_access_key", "aws_secret_key", "api_key", "private_key", "jwt"]],
]);
