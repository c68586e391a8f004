// Command sourcetest serves a generated dossier the way the two official services do (the
// Tweede Kamer's OData API and the officielebekendmakingen SRU search with its XML), for
// trying "beleidsgraaf sync" without the network:
//
//	go run ./cmd/sourcetest -docs 50
//	go run . sync --dossier 28638 --odata-url http://127.0.0.1:8099/OData/v4/2.0/ --sru-url http://127.0.0.1:8099/sru dossier/
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"

	"beleidsgraaf/source/sourcetest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8099", "address to listen on")
	docs := flag.Int("docs", 50, "Kamerstukken in the dossier")
	flag.Parse()
	srv := sourcetest.New(sourcetest.Generate(*docs))
	srv.Close() // only its handler is wanted, on a fixed address
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sourcetest:", err)
		os.Exit(1)
	}
	srv.URL = "http://" + l.Addr().String()
	fmt.Printf("dossier %d (%d Kamerstukken): --odata-url %s --sru-url %s\n", sourcetest.Dossier, *docs, srv.ODataURL(), srv.SRUURL())
	fmt.Fprintln(os.Stderr, http.Serve(l, srv.Config.Handler))
}
