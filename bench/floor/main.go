// Command floor is the floor of the API benchmarks: a bare net/http server that reads the
// request body and answers with a fixed JSON body — the bytes our server answered to the
// same request (recorded by `loadgen --prime`). What a GraphQL server costs above this is
// parsing, validation, execution, the store and JSON encoding.
//
//	floor --addr 127.0.0.1:18082 --bodies bodies.json
//
// POST /q/<query>/<variant> answers body <variant> of <query>.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18082", "listen address")
	file := flag.String("bodies", "bodies.json", "the answers: {query: [body per variant]}")
	flag.Parse()
	raw, err := os.ReadFile(*file)
	if err != nil {
		log.Fatal(err)
	}
	var bodies map[string][]string
	if err := json.Unmarshal(raw, &bodies); err != nil {
		log.Fatal(err)
	}
	byQuery := map[string][][]byte{}
	for q, bs := range bodies {
		for _, b := range bs {
			byQuery[q] = append(byQuery[q], []byte(b))
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /q/{query}/{variant}", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		bs := byQuery[r.PathValue("query")]
		i, err := strconv.Atoi(r.PathValue("variant"))
		if err != nil || i < 0 || i >= len(bs) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(bs[i])))
		_, _ = w.Write(bs[i])
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	log.Fatal(srv.ListenAndServe())
}
