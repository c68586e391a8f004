package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"beleidsgraaf/kg"
	"beleidsgraaf/loader"
	"beleidsgraaf/source/sourcetest"
	"beleidsgraaf/store/memory"
)

// TestSyncThenServe: "beleidsgraaf sync" brings a 50-Kamerstuk dossier in from a server
// playing both official services (with a 429 and a 503 on the way), and the directory it
// fills, loaded as "beleidsgraaf DIR/" loads it, serves every motion's decisions and votes.
func TestSyncThenServe(t *testing.T) {
	stukken := sourcetest.Generate(50)
	srv := sourcetest.New(stukken)
	defer srv.Close()
	srv.PageSize = 20
	srv.Fail(sourcetest.ODataPath+"Document", http.StatusTooManyRequests)
	srv.Fail(sourcetest.XMLPath(202), http.StatusServiceUnavailable)
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"sync", "--dossier", "28638", "--odata-url", srv.ODataURL(), "--sru-url", srv.SRUURL(), dir}, &out, &errOut)
	if code != 0 {
		t.Fatalf("sync exit %d: %s%s", code, out.String(), errOut.String())
	}
	if want := "dossier 28638: 50 documents: 50 fetched"; !strings.HasPrefix(out.String(), want) {
		t.Errorf("sync said %q, want it to start with %q", out.String(), want)
	}
	if !strings.Contains(out.String(), "2 requests retried") {
		t.Errorf("sync said %q: the 429 and the 503 were retried", out.String())
	}

	g, errs := loader.LoadPaths(dir)
	if fails := loader.Failures(errs); len(fails) > 0 {
		t.Fatalf("load: %v", fails)
	}
	st := memory.New()
	if err := st.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	// the letters' stated signer (the API's DocumentActor) is the signature line's Person:
	// one node, each letter SIGNED_BY it with the record and the line as evidence
	letters, signed := 0, 0
	for _, k := range stukken {
		if k.Kind == sourcetest.Letter {
			letters++
		}
	}
	for _, e := range g.Edges {
		if e.Type == kg.SignedBy && e.To == "person:van-der-burg" &&
			slices.ContainsFunc(e.Evidence, func(ev kg.Evidence) bool { return strings.Contains(ev.Quote, "/Document(") }) &&
			slices.ContainsFunc(e.Evidence, func(ev kg.Evidence) bool { return ev.Quote == "E. van der Burg" }) {
			signed++
		}
	}
	persons := 0
	for _, n := range g.Nodes {
		if n.Label == kg.Person && strings.Contains(n.ID, "burg") {
			persons++
		}
	}
	if signed != letters || persons != 1 {
		t.Errorf("%d of %d letters SIGNED_BY person:van-der-burg with the record and the signature line; %d such persons, want 1", signed, letters, persons)
	}
	c := client.New(newWebHandler(st, testConfig()), client.Path("/graphql"))
	var resp struct {
		Motions struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Number    int
					Status    string
					Decisions []struct {
						Date, Result, Text, Source string
						Evidence                   struct {
							DocumentID string
							Quote      string
						}
						Votes []struct{ Vote string }
					}
					Votes []struct {
						Party struct{ Name string }
						Vote  string
						Seats *int
					}
				}
			}
		}
	}
	c.MustPost(`{ motions(first: 100) { totalCount edges { node { number status
		decisions { date result text source evidence { documentId quote } votes { vote } }
		votes { party { name } vote seats } } } } }`, &resp)
	want := map[int]sourcetest.Kamerstuk{}
	for _, k := range stukken {
		if k.Kind == sourcetest.Motion {
			want[k.Number] = k
		}
	}
	if resp.Motions.TotalCount != len(want) {
		t.Fatalf("%d motions served, want %d", resp.Motions.TotalCount, len(want))
	}
	for _, e := range resp.Motions.Edges {
		m := e.Node
		k, ok := want[m.Number]
		if !ok {
			t.Errorf("motion nr. %d was not in the dossier", m.Number)
			continue
		}
		if len(m.Decisions) != len(k.Decisions) {
			t.Errorf("nr. %d: %d decisions, want %d", m.Number, len(m.Decisions), len(k.Decisions))
			continue
		}
		voted := 0
		for i, d := range m.Decisions {
			if d.Text != k.Decisions[i].Tekst || d.Date != k.Decisions[i].Date || !strings.Contains(d.Source, "/Besluit(") ||
				d.Evidence.DocumentID == "" || !strings.Contains(d.Evidence.Quote, d.Source) {
				t.Errorf("nr. %d decision %d: %+v, want %+v", m.Number, i, d, k.Decisions[i])
			}
			if k.Decisions[i].For != nil {
				voted = len(sourcetest.Parties)
			}
			if n := len(d.Votes); n != 0 && n != len(sourcetest.Parties) {
				t.Errorf("nr. %d decision %d: %d votes", m.Number, i, n)
			}
		}
		// each decision is a status step: the motion stands where its last decision put it
		if want := map[string]string{"Aangenomen.": "ADOPTED", "Verworpen.": "REJECTED", "Aangehouden.": "HELD"}[k.Decisions[len(k.Decisions)-1].Tekst]; m.Status != want {
			t.Errorf("nr. %d: status %s, want %s", m.Number, m.Status, want)
		}
		if len(m.Votes) != voted {
			t.Errorf("nr. %d: %d votes, want %d", m.Number, len(m.Votes), voted)
		}
		for _, v := range m.Votes {
			last := k.Decisions[len(k.Decisions)-1]
			wantVote := "AGAINST"
			if last.For[v.Party.Name] {
				wantVote = "FOR"
			}
			if v.Vote != wantVote || v.Seats == nil || *v.Seats <= 0 {
				t.Errorf("nr. %d: %s voted %s (%v seats), want %s", m.Number, v.Party.Name, v.Vote, v.Seats, wantVote)
			}
		}
	}

	// a document deleted upstream is named in the summary of the next run
	srv.Delete(205, "2024-12-02T08:00:00Z")
	out.Reset()
	if code := run(context.Background(), []string{"sync", "--dossier", "28638", "--odata-url", srv.ODataURL(), "--sru-url", srv.SRUURL(), dir}, &out, &errOut); code != 0 {
		t.Fatalf("second sync exit %d: %s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "1 no longer listed by the sources (deleted upstream), kept and marked deleted in their metadata files: kst-28638-205.html") {
		t.Errorf("second sync said %q, want kst-28638-205.html named as deleted upstream", out.String())
	}
}

func TestSyncUsage(t *testing.T) {
	nothing := httptest.NewServer(http.NotFoundHandler())
	defer nothing.Close()
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"sync"}, 2, "Usage: beleidsgraaf sync"},
		{[]string{"sync", "--dossier", "28638"}, 2, "Usage: beleidsgraaf sync"},
		{[]string{"sync", "--dossier", "28638", "--since", "gisteren", "d"}, 2, `--since "gisteren" is not a date`},
		{[]string{"sync", "--dossier", "28638", "--odata-url", nothing.URL, t.TempDir()}, 1, "listing the dossier's documents"},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		code := run(context.Background(), c.args, &out, &errOut)
		if code != c.code || !strings.Contains(errOut.String(), c.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", c.args, code, errOut.String(), c.code, c.want)
		}
	}
}

// TestSyncKilledProcess: a sync process killed (SIGKILL) while documents are in flight, then
// run again, ends with the files of a run that was never interrupted.
func TestSyncKilledProcess(t *testing.T) {
	if os.Getenv("BELEIDSGRAAF_SYNC_CHILD") != "" {
		args := strings.Split(os.Getenv("BELEIDSGRAAF_SYNC_CHILD"), "\n")
		os.Exit(run(context.Background(), args, os.Stdout, os.Stderr))
	}
	srv := sourcetest.New(sourcetest.Generate(30))
	defer srv.Close()
	args := func(dir string) []string {
		return []string{"sync", "--dossier", "28638", "--odata-url", srv.ODataURL(), "--sru-url", srv.SRUURL(), dir}
	}
	clean := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run(context.Background(), args(clean), &out, &errOut); code != 0 {
		t.Fatalf("clean run: exit %d: %s", code, errOut.String())
	}

	dir := t.TempDir()
	var downloads atomic.Int64
	stalled := make(chan struct{})
	var once sync.Once
	srv.OnRequest = func(r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".xml") || strings.HasSuffix(r.URL.Path, "/resource") {
			if downloads.Add(1) > 12 {
				once.Do(func() { close(stalled) })
				<-r.Context().Done() // hold it until the client is gone
			}
		}
	}
	child := exec.Command(os.Args[0], "-test.run=^TestSyncKilledProcess$")
	child.Env = append(os.Environ(), "BELEIDSGRAAF_SYNC_CHILD="+strings.Join(args(dir), "\n"))
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-stalled:
	case <-time.After(time.Minute):
		child.Process.Kill()
		t.Fatal("the child never reached its 13th download")
	}
	if err := child.Process.Kill(); err != nil { // SIGKILL: no deferred cleanup runs
		t.Fatal(err)
	}
	child.Wait()
	srv.OnRequest = nil
	before := srv.Downloads()
	out.Reset()
	errOut.Reset()
	if code := run(context.Background(), args(dir), &out, &errOut); code != 0 {
		t.Fatalf("restart: exit %d: %s", code, errOut.String())
	}
	if fetched := srv.Downloads() - before; fetched >= 30 || fetched < 30-12 {
		t.Errorf("the restart fetched %d documents: it should fetch only what the killed run had not finished", fetched)
	}
	got, want := sourcetest.Files(t, dir), sourcetest.Files(t, clean)
	if len(got) != len(want) {
		t.Fatalf("%d files after the restart, %d after a clean run", len(got), len(want))
	}
	for name, data := range want {
		if got[name] != data {
			t.Errorf("%s differs from the clean run's", name)
		}
	}
}
