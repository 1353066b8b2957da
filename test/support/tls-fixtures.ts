/**
 * Real PEM files for configuration tests, made once with openssl and valid for a hundred years from
 * 2026: two CAs, a client certificate signed by the first with its key, and an unrelated key.
 * Throwaway material that nothing trusts.
 */

/** A self-signed CA certificate (CN etcdeck-test-ca). */
export const caPem = `-----BEGIN CERTIFICATE-----
MIIBizCCATGgAwIBAgIUJl/+lMuwUapW/OSZyMGxXFJnZvowCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPZXRjZGVjay10ZXN0LWNhMCAXDTI2MTEyMzEzNTczOFoYDzIx
MjYxMDMwMTM1NzM4WjAaMRgwFgYDVQQDDA9ldGNkZWNrLXRlc3QtY2EwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAAS6bdoe3/BmOimBU5xUK2DyI6c1cn9dqJ+WpB+f
nAFxMgAquvtmhaAZzZMVH9AC4gm0BhvPROZnNen0g+MnENTlo1MwUTAdBgNVHQ4E
FgQUfsPN1RxSfS1SAJZfXsxDbP76sBUwHwYDVR0jBBgwFoAUfsPN1RxSfS1SAJZf
XsxDbP76sBUwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiAWMU8i
u3v1HHekIinDgHpDDxZ+cb4tSLcXUxt1k65bvAIhAJjjPGMEQ+1NU1AcdcbRsYjm
3LEw9hn6m3U16ef01hIT
-----END CERTIFICATE-----
`;

/** Another self-signed CA certificate (CN etcdeck-test-other-ca), for a CA that is not the cluster's. */
export const otherCaPem = `-----BEGIN CERTIFICATE-----
MIIBljCCAT2gAwIBAgIUYY99qda+jJLHVhpmHs1VCTsXNJYwCgYIKoZIzj0EAwIw
IDEeMBwGA1UEAwwVZXRjZGVjay10ZXN0LW90aGVyLWNhMCAXDTI2MTEyMzEzNTc1
OVoYDzIxMjYxMDMwMTM1NzU5WjAgMR4wHAYDVQQDDBVldGNkZWNrLXRlc3Qtb3Ro
ZXItY2EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASsl7wjLtsO1lXhAm60Vku5
qVnkoC/U1nHNqd2K7otN+dod8I4moDpEieZfsQEgnyVnRRaOJIEY3PzPOByJ+4qW
o1MwUTAdBgNVHQ4EFgQUDlDohFDXP2CKqOposi/yY8AO/ygwHwYDVR0jBBgwFoAU
DlDohFDXP2CKqOposi/yY8AO/ygwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQD
AgNHADBEAiBUx0zZvCWMtJ7f/DFamqyYc3byymil7MLlwI8fjcT6bwIgDlcSeu/D
NMfGnZ7LCIsXwPSW3vTmxi8iE4dbxGinJ9s=
-----END CERTIFICATE-----
`;

/** A client certificate (CN etcdeck-test-client) signed by {@link caPem}. */
export const certPem = `-----BEGIN CERTIFICATE-----
MIIBIzCByQICEjQwCgYIKoZIzj0EAwIwGjEYMBYGA1UEAwwPZXRjZGVjay10ZXN0
LWNhMCAXDTI2MTEyMzEzNTczOFoYDzIxMjYxMDMwMTM1NzM4WjAeMRwwGgYDVQQD
DBNldGNkZWNrLXRlc3QtY2xpZW50MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
HVt/47ZGirIjO7TtF3b5GYqXmxtA3LUzl5/U/1Dm+QmB7cWcJXp0L/fAHeQ62dL3
fYixS5s0XKoNhbrGI9qcEDAKBggqhkjOPQQDAgNJADBGAiEAwNKMQZk58++5iLBW
8HAVM1x5oCKWQXVYQPmB3/uASXICIQDX2wQYJCSUMEseTJESHjcbmF5qpEkiZT09
pnPLzf1rLw==
-----END CERTIFICATE-----
`;

/** The private key of {@link certPem}. */
export const keyPem = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgbJDo1M9hGXqk8CZH
7M5UDiBSK/bRDSTsud8/lC+wJEehRANCAAQdW3/jtkaKsiM7tO0XdvkZipebG0Dc
tTOXn9T/UOb5CYHtxZwlenQv98Ad5DrZ0vd9iLFLmzRcqg2FusYj2pwQ
-----END PRIVATE KEY-----
`;

/** A private key that belongs to no certificate here. */
export const otherKeyPem = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1nhcaxqiK1TOMgb5
YEh2NXGAPTiS9iS9Q6lBGFzlI2ehRANCAARuIelXxYwnzT8HUKCv+yNXi/G21/ts
gP6A2dFC4WEkjP3dORKVW+LulMiXaa1DAlnY9zxQj218oSPt68fNOE4D
-----END PRIVATE KEY-----
`;
