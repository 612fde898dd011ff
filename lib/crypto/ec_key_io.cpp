// SEC1 / PKCS#8 / SPKI key files for P-256 and P-384: arriving in the next commit.
