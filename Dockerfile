# Multi-stage build of the Beleidsgraaf server: a static Go binary plus the bundled corpus.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/beleidsgraaf .

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /out/beleidsgraaf /app/beleidsgraaf
COPY corpus /app/corpus
# Listen on every interface of the container (the default is 127.0.0.1 only).
ENV LISTEN_HOST=0.0.0.0
EXPOSE 8080
ENTRYPOINT ["/app/beleidsgraaf"]
CMD ["serve"]
