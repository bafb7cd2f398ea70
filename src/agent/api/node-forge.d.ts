// The few node-forge calls roseha makes (certificate generation only); @types/node-forge is not installed.
declare module 'node-forge' {
  namespace pki {
    interface PublicKey {}
    interface PrivateKey {}
    interface CertificateField {
      name?: string;
      shortName?: string;
      value: string;
    }
    interface Certificate {
      publicKey: PublicKey;
      serialNumber: string;
      validity: { notBefore: Date; notAfter: Date };
      setSubject(attrs: CertificateField[]): void;
      setIssuer(attrs: CertificateField[]): void;
      setExtensions(exts: Array<Record<string, unknown>>): void;
      sign(key: PrivateKey, md: unknown): void;
    }
    function createCertificate(): Certificate;
    function publicKeyFromPem(pem: string): PublicKey;
    function privateKeyFromPem(pem: string): PrivateKey;
    function certificateToPem(cert: Certificate): string;
  }
  namespace md {
    namespace sha256 {
      function create(): unknown;
    }
  }
  const forge: { pki: typeof pki; md: typeof md };
  export default forge;
}
