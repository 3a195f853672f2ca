# corematch: multi-stage build on Debian bookworm with Debian's own packages.
#   docker build -t corematch .
FROM debian:bookworm AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config \
      libgrpc++-dev libgrpc-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto \
      libabsl-dev librocksdb-dev libgtest-dev libgmock-dev libbenchmark-dev libssl-dev \
      libcurl4-openssl-dev libicu-dev libstemmer-dev libcli11-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
    && cmake --build build --target corematch_server corematch_cli

FROM debian:bookworm-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libgrpc++1.51 libgrpc29 libprotobuf32 librocksdb7.8 libssl3 libcurl4 libicu72 libstemmer0d zlib1g \
      ca-certificates dict-freedict-dan-eng dict-freedict-eng-dan dict-freedict-eng-swe \
      dict-freedict-deu-eng dict-freedict-eng-deu dict-freedict-fra-eng dict-freedict-nld-eng \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/corematch corematch \
    && mkdir -p /var/lib/corematch /var/lib/corematch-keys \
    && chown corematch /var/lib/corematch /var/lib/corematch-keys
COPY --from=build /src/build/bin/corematch-server /src/build/bin/corematch /usr/local/bin/
COPY --from=build /src/data/demo /usr/share/corematch/demo
USER corematch
VOLUME /var/lib/corematch
EXPOSE 50051
ENTRYPOINT ["corematch-server", "--listen=0.0.0.0:50051", "--data_dir=/var/lib/corematch"]
CMD ["--services=all"]
