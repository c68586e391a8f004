package dossiersync

import (
	"context"
	"os"
	"testing"
	"time"

	"beleidsgraaf/source/polite"
	"beleidsgraaf/source/sru"
	"beleidsgraaf/source/tkodata"
)

// TestLive syncs what changed in dossier 28638 in the last year from the live services. It
// runs only when asked (BELEIDSGRAAF_LIVE=1): go test ./... never touches the network.
func TestLive(t *testing.T) {
	if os.Getenv("BELEIDSGRAAF_LIVE") != "1" {
		t.Skip("set BELEIDSGRAAF_LIVE=1 to check against the live services")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	dir := t.TempDir()
	if d := os.Getenv("BELEIDSGRAAF_LIVE_DIR"); d != "" {
		dir = d
	}
	res, err := Run(ctx, Options{Dossier: 28638, Since: time.Now().AddDate(-1, 0, 0).Format(time.DateOnly), Dir: dir,
		ODataURL: tkodata.DefaultBaseURL, SRUURL: sru.DefaultBaseURL, Client: polite.New(2), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", res)
	for _, f := range res.Failed {
		t.Errorf("not fetched: %v", f)
	}
	if res.Documents == 0 {
		t.Error("no documents listed for dossier 28638 in the last year")
	}
}
