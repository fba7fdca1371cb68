#!/bin/sh
# Certificates for a PDF cluster reached with mutual TLS (README: 在多台机器上生成 PDF).
#   sh scripts/cluster_certs.sh DIR [NAME...]     (default names: scheduler worker client)
# DIR gets ca.pem and ca-key.pem (made once, then reused) and, for each NAME, NAME.pem and
# NAME-key.pem signed by that CA. Every party trusts ca.pem and shows its own pair; ca-key.pem
# is needed only to sign more and is best kept off the cluster's machines.
set -eu
dir=$1
shift
[ $# -gt 0 ] || set -- scheduler worker client
mkdir -p "$dir"
cd "$dir"
umask 077
curve="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
if [ ! -f ca.pem ]; then
    openssl req -x509 $curve -sha256 -days 3650 -nodes -keyout ca-key.pem -out ca.pem \
        -subj "/CN=zhenggai PDF cluster CA" 2>/dev/null
fi
for name in "$@"; do
    openssl req $curve -sha256 -nodes -keyout "$name-key.pem" -out "$name.csr" -subj "/CN=zhenggai-$name" 2>/dev/null
    printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n' > "$name.ext"
    openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 825 -sha256 \
        -extfile "$name.ext" -out "$name.pem" 2>/dev/null
    rm -f "$name.csr" "$name.ext"
    chmod 644 "$name.pem"  # certificates are public; the keys stay readable by their owner only
done
chmod 644 ca.pem
echo "已生成 $dir 下的 ca.pem 和$(for name in "$@"; do printf ' %s.pem/%s-key.pem' "$name" "$name"; done)"
