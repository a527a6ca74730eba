package dev.cassini.devkube.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

/** A certificate together with the key pair it was issued for. */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair) {}
