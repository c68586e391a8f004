package dossiersync

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"beleidsgraaf/kg"
	"beleidsgraaf/loader"
	"beleidsgraaf/source/polite"
	"beleidsgraaf/source/sourcetest"
)

// waits records the backoffs a client asked for, without waiting them.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

func testClient(w *waits) *polite.Client {
	c := polite.New(4)
	c.Attempts = 4
	c.Sleep = w.sleep
	return c
}

func options(srv *sourcetest.Server, dir string, w *waits) Options {
	return Options{Dossier: sourcetest.Dossier, Dir: dir, ODataURL: srv.ODataURL(), SRUURL: srv.SRUURL(), Client: testClient(w), Workers: 4}
}

// snapshot is every file of dir by name.
func snapshot(t *testing.T, dir string) map[string]string { return sourcetest.Files(t, dir) }

func TestSyncFiftyKamerstukken(t *testing.T) {
	srv := sourcetest.New(sourcetest.Generate(50))
	defer srv.Close()
	srv.PageSize, srv.SRUPageSize = 20, 15 // OData pages by @odata.nextLink, SRU by nextRecordPosition
	dir := t.TempDir()
	var w waits
	res, err := Run(context.Background(), options(srv, dir, &w))
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 50 || res.Fetched != 50 || res.Unchanged != 0 || len(res.Failed) != 0 || res.Metadata != 50 {
		t.Fatalf("first run: %+v", res)
	}
	if got := srv.Requests(sourcetest.ODataPath + "Document"); got != 3 {
		t.Errorf("OData pages asked: %d, want 3 (50 documents, 20 a page)", got)
	}
	if got := srv.Requests(sourcetest.SRUPath); got != 3 {
		// the client asks 100 a time; the server caps at 15: 40 records need 3 requests
		t.Errorf("SRU requests: %d, want 3", got)
	}
	for _, k := range srv.Stukken {
		path := sourcetest.XMLPath(k.Number)
		if k.Kind == sourcetest.DebateReport {
			path = sourcetest.ResourcePath(k.Number)
		}
		if n := srv.Requests(path); n != 1 {
			t.Errorf("nr. %d downloaded %d times, want once", k.Number, n)
		}
	}
	files := snapshot(t, dir)
	if len(files) != 101 { // 50 documents, 50 metadata files, the state
		t.Errorf("%d files, want 101: %v", len(files), slices.Sorted(maps.Keys(files)))
	}
	for name := range files {
		if strings.HasPrefix(name, ".partial-") {
			t.Errorf("left behind: %s", name)
		}
	}
	var motion loader.Sidecar
	if err := json.Unmarshal([]byte(files["kst-28638-201.meta.json"]), &motion); err != nil {
		t.Fatal(err)
	}
	if motion.Kind != kg.DocMotion || motion.Number != 201 || motion.Source != "tkodata+sru" || len(motion.Decisions) != 1 ||
		motion.Decisions[0].Result != kg.DecisionAdopted || len(motion.Decisions[0].Votes) != len(sourcetest.Parties) ||
		motion.Activity == nil || motion.Activity.Kind != "Tweeminutendebat" || len(motion.Submitters) != 2 {
		t.Fatalf("metadata of nr. 201: %+v", motion)
	}
	if !strings.HasPrefix(motion.Decisions[0].Record, srv.ODataURL()+"Besluit(") {
		t.Errorf("decision record %q does not name the Besluit", motion.Decisions[0].Record)
	}
	if _, ok := files["kst-28638-205.html"]; !ok {
		t.Error("the debate report (no XML) should arrive as its original file, kst-28638-205.html")
	}

	// a second run fetches nothing and changes nothing
	before := srv.Downloads()
	res, err = Run(context.Background(), options(srv, dir, &w))
	if err != nil {
		t.Fatal(err)
	}
	if res.Fetched != 0 || res.Unchanged != 50 || res.Metadata != 0 || srv.Downloads() != before {
		t.Fatalf("second run: %+v, %d downloads", res, srv.Downloads()-before)
	}
	if again := snapshot(t, dir); !maps.Equal(again, files) {
		t.Error("the second run changed files")
	}

	// a new version of one document: that one is fetched again
	srv.SetModified(203, "2024-07-01T09:00:00Z")
	res, err = Run(context.Background(), options(srv, dir, &w))
	if err != nil {
		t.Fatal(err)
	}
	if res.Fetched != 1 || res.Unchanged != 49 || srv.Downloads() != before+1 {
		t.Fatalf("after a change: %+v", res)
	}
}

// syncedTwenty is a directory synced in full from a server of 20 Kamerstukken.
func syncedTwenty(t *testing.T) (*sourcetest.Server, string, *waits) {
	srv := sourcetest.New(sourcetest.Generate(20))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	w := &waits{}
	if _, err := Run(context.Background(), options(srv, dir, w)); err != nil {
		t.Fatal(err)
	}
	return srv, dir, w
}

func TestSyncSince(t *testing.T) {
	srv, dir, w := syncedTwenty(t)
	srv.SetModified(203, "2024-07-01T09:00:00Z") // a letter: XML from the search
	srv.SetModified(205, "2024-07-02T09:00:00Z") // a debate report: its original file
	o := options(srv, dir, w)
	o.Since = "2024-06-15"
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 2 || res.Fetched != 2 || len(res.Failed) != 0 {
		t.Fatalf("--since 2024-06-15: %+v, want the two changed documents listed and fetched", res)
	}
	if n := len(snapshot(t, dir)); n != 41 {
		t.Errorf("%d files after --since, want the 41 of the full run: --since narrows, never deletes", n)
	}
}

// A decision taken on an older motion changes its Besluit, not its document: a run with
// --since lists that motion (and nothing else), keeps its XML, and rewrites its metadata file.
func TestSyncSinceFindsANewDecisionOnAnOlderMotion(t *testing.T) {
	srv, dir, w := syncedTwenty(t)
	before := snapshot(t, dir)
	downloads := srv.Downloads()
	// motion 211 was held on 18 November; on 5 December it is adopted
	srv.AddDecision(211, sourcetest.Decision{Tekst: "Aangenomen.", Soort: "Stemmen - aangenomen", Date: "2024-12-05",
		For: map[string]bool{"PVV": true, "VVD": true, "NSC": true}, Modified: "2024-12-05T16:00:00Z"})
	o := options(srv, dir, w)
	o.Since = "2024-12-01"
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 1 || res.Fetched != 0 || res.Unchanged != 1 || res.Metadata != 1 || len(res.Failed) != 0 || srv.Downloads() != downloads {
		t.Fatalf("--since 2024-12-01 after a new decision on motion 211: %+v (%d downloads), want it alone listed, its metadata rewritten, nothing downloaded", res, srv.Downloads()-downloads)
	}
	after := snapshot(t, dir)
	for name, data := range before {
		if name != "kst-28638-211.meta.json" && name != StateFile && after[name] != data {
			t.Errorf("%s changed", name)
		}
	}
	if len(after) != len(before) {
		t.Errorf("%d files, want the %d of the full run (the motion keeps its XML)", len(after), len(before))
	}
	var meta loader.Sidecar
	if err := json.Unmarshal([]byte(after["kst-28638-211.meta.json"]), &meta); err != nil {
		t.Fatal(err)
	}
	if n := len(meta.Decisions); n != 2 || meta.Decisions[1].Result != kg.DecisionAdopted || meta.Decisions[1].Date != "2024-12-05" || len(meta.Decisions[1].Votes) != len(sourcetest.Parties) {
		t.Fatalf("decisions = %+v, want the held one and the new adoption with its votes", meta.Decisions)
	}
	if meta.File != "kst-28638-211.xml" || meta.Source != "tkodata+sru" {
		t.Errorf("metadata describes %s from %s, want the XML fetched before", meta.File, meta.Source)
	}
	// a later run without --since agrees: the same metadata file, nothing fetched
	res, err = Run(context.Background(), options(srv, dir, w))
	if err != nil || res.Fetched != 0 || res.Metadata != 0 {
		t.Fatalf("full run after: %+v, %v; want nothing new", res, err)
	}
}

// A document deleted upstream drops out of the listing: the full run after names it, marks
// its metadata file, keeps its file, and says so once; the loader warns about it.
func TestSyncReportsDocumentsDeletedUpstream(t *testing.T) {
	srv, dir, w := syncedTwenty(t)
	before := snapshot(t, dir)
	srv.Delete(205, "2024-12-02T08:00:00Z") // a debate report: only the Kamer's API lists it
	res, err := Run(context.Background(), options(srv, dir, w))
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 19 || !slices.Equal(res.Dropped, []string{"kst-28638-205.html"}) || res.Fetched != 0 || len(res.Failed) != 0 {
		t.Fatalf("after deleting 205: %+v, want 19 listed and kst-28638-205.html dropped", res)
	}
	after := snapshot(t, dir)
	if after["kst-28638-205.html"] != before["kst-28638-205.html"] {
		t.Error("the dropped document's file changed or went")
	}
	var meta loader.Sidecar
	if err := json.Unmarshal([]byte(after["kst-28638-205.meta.json"]), &meta); err != nil {
		t.Fatal(err)
	}
	if !meta.Deleted || meta.File != "kst-28638-205.html" || meta.Record == "" {
		t.Errorf("metadata = %+v, want the earlier one marked deleted", meta)
	}
	for name, data := range before {
		if name != "kst-28638-205.meta.json" && name != StateFile && after[name] != data {
			t.Errorf("%s changed", name)
		}
	}
	// said once: the next run has nothing new to say
	if res, err = Run(context.Background(), options(srv, dir, w)); err != nil || len(res.Dropped) != 0 || res.Metadata != 0 {
		t.Fatalf("the run after: %+v, %v; want nothing dropped again", res, err)
	}
	_, errs := loader.LoadPaths(dir)
	if !slices.ContainsFunc(errs, func(e error) bool {
		return strings.Contains(e.Error(), "kst-28638-205") && strings.Contains(e.Error(), "deleted upstream")
	}) {
		t.Errorf("loader warnings %v name no deleted document", errs)
	}
}

func TestSyncDownloadsFromAMirror(t *testing.T) {
	srv := sourcetest.New(sourcetest.Generate(10))
	defer srv.Close()
	var w waits
	o := options(srv, t.TempDir(), &w)
	o.DownloadURL = srv.URL + sourcetest.MirrorPath
	res, err := Run(context.Background(), o)
	if err != nil || res.Fetched != 10 {
		t.Fatalf("%+v, %v", res, err)
	}
	for _, n := range []int{205, 210} { // the debate reports: original files
		mirror := strings.Replace(sourcetest.ResourcePath(n), sourcetest.ODataPath, sourcetest.MirrorPath, 1)
		if srv.Requests(mirror) != 1 || srv.Requests(sourcetest.ResourcePath(n)) != 0 {
			t.Errorf("nr. %d: %d from the mirror, %d from the API; want all from the mirror", n, srv.Requests(mirror), srv.Requests(sourcetest.ResourcePath(n)))
		}
	}
}

func TestSyncRetries429And503(t *testing.T) {
	srv := sourcetest.New(sourcetest.Generate(10))
	defer srv.Close()
	srv.Fail(sourcetest.ODataPath+"Document", http.StatusTooManyRequests)
	srv.Fail(sourcetest.SRUPath, http.StatusServiceUnavailable)
	srv.Fail(sourcetest.XMLPath(201), http.StatusServiceUnavailable, http.StatusTooManyRequests)
	srv.Fail(sourcetest.ResourcePath(205), http.StatusBadGateway)
	var w waits
	o := options(srv, t.TempDir(), &w)
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Fetched != 10 || len(res.Failed) != 0 {
		t.Fatalf("%+v", res)
	}
	if res.Retries != 5 {
		t.Errorf("retries = %d, want 5", res.Retries)
	}
	// four answers said Retry-After: 1; the 502 said nothing and got a backoff
	second := 0
	for _, d := range w.d {
		if d == time.Second {
			second++
		}
	}
	if second != 4 || len(w.d) != 5 {
		t.Errorf("waits = %v, want four of 1s (Retry-After) and one backoff", w.d)
	}
}

func TestSyncBrokenDownloadReportedByName(t *testing.T) {
	srv := sourcetest.New(sourcetest.Generate(10))
	defer srv.Close()
	srv.Break(sourcetest.XMLPath(204))
	dir := t.TempDir()
	var w waits
	res, err := Run(context.Background(), options(srv, dir, &w))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 1 || res.Failed[0].File != "kst-28638-204.xml" || !strings.Contains(res.Failed[0].Error(), "HTTP 500") {
		t.Fatalf("failed = %v", res.Failed)
	}
	if res.Fetched != 9 {
		t.Errorf("fetched %d, want the other 9", res.Fetched)
	}
	files := snapshot(t, dir)
	for name := range files {
		if strings.HasPrefix(name, "kst-28638-204") {
			t.Errorf("%s written for a document that did not arrive", name)
		}
	}
	if srv.Requests(sourcetest.XMLPath(204)) != 4 {
		t.Errorf("the broken document was asked %d times, want 4 (the client's attempts)", srv.Requests(sourcetest.XMLPath(204)))
	}
}

func TestSyncKilledHalfwayEndsWithTheSameFiles(t *testing.T) {
	srv := sourcetest.New(sourcetest.Generate(30))
	defer srv.Close()
	var w waits
	clean := t.TempDir()
	if _, err := Run(context.Background(), options(srv, clean, &w)); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	ctx, kill := context.WithCancel(context.Background())
	var downloads atomic.Int64
	srv.OnRequest = func(r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".xml") || strings.HasSuffix(r.URL.Path, "/resource") {
			if downloads.Add(1) == 12 {
				kill() // mid-request: this answer and those in flight are lost
			}
		}
	}
	if _, err := Run(ctx, options(srv, dir, &w)); err == nil {
		t.Fatal("the killed run reported success")
	}
	// Requests of the killed run still in flight are answered (and counted) after it
	// returned: wait for the count to settle before the restart is counted against it.
	for last, settled := srv.Downloads(), 0; settled < 5; settled++ {
		time.Sleep(10 * time.Millisecond)
		if n := srv.Downloads(); n != last {
			last, settled = n, -1
		}
	}
	srv.OnRequest = nil
	half := snapshot(t, dir)
	if len(half) >= len(snapshot(t, clean)) {
		t.Fatalf("the run was not stopped halfway: %d files", len(half))
	}
	// what a kill -9 in the middle of a write leaves
	if err := os.WriteFile(filepath.Join(dir, ".partial-kst-28638-229.xml-123"), []byte("<half"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := srv.Downloads()
	res, err := Run(context.Background(), options(srv, dir, &w))
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged == 0 || res.Fetched+res.Unchanged != 30 || srv.Downloads()-before != res.Fetched {
		t.Fatalf("restart: %+v: what the first run finished must not be fetched again", res)
	}
	if got, want := snapshot(t, dir), snapshot(t, clean); !maps.Equal(got, want) {
		t.Errorf("after the restart: %d files, a clean run: %d; they differ", len(got), len(want))
		for name := range want {
			if got[name] != want[name] {
				t.Logf("differs: %s", name)
			}
		}
	}
}

func TestSyncRefusesAnotherDossiersDirectory(t *testing.T) {
	srv := sourcetest.New(sourcetest.Generate(2))
	defer srv.Close()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, StateFile), []byte(`{"dossier": 31015, "files": {}}`), 0o644)
	var w waits
	_, err := Run(context.Background(), options(srv, dir, &w))
	if err == nil || !strings.Contains(err.Error(), "holds dossier 31015, not 28638") {
		t.Fatalf("err = %v", err)
	}
}

func TestSyncListingFailureIsAnError(t *testing.T) {
	srv := sourcetest.New(sourcetest.Generate(2))
	defer srv.Close()
	srv.Break(sourcetest.ODataPath + "Document")
	var w waits
	_, err := Run(context.Background(), options(srv, t.TempDir(), &w))
	if err == nil || !strings.Contains(err.Error(), "listing the dossier's documents") {
		t.Fatalf("err = %v", err)
	}
}

func TestResultAndKinds(t *testing.T) {
	cases := []struct{ text, kind, want string }{
		{"Aangenomen.", "Stemmen - aangenomen", kg.DecisionAdopted},
		{"Verworpen.", "Stemmen - verworpen", kg.DecisionRejected},
		{"Aangehouden.", "Aanhouden", kg.DecisionHeld},
		{"Ingetrokken.", "", kg.DecisionWithdrawn},
		{"Voor kennisgeving aangenomen.", "", kg.DecisionOther},
		{"", "Stemmen - aangenomen", kg.DecisionAdopted},
		{"Uitgesteld.", "", kg.DecisionOther},
	}
	for _, c := range cases {
		if got := result(c.text, c.kind); got != c.want {
			t.Errorf("result(%q, %q) = %s, want %s", c.text, c.kind, got, c.want)
		}
	}
	kinds := map[string]string{"Motie": kg.DocMotion, "Motie (gewijzigd)": kg.DocMotion, "Brief regering": kg.DocLetter, "Brief": kg.DocLetter,
		"Verslag van een commissiedebat": kg.DocDebate, "Verslag van een algemeen overleg": kg.DocDebate, "Amendement": "", "Verslag": ""}
	for stated, want := range kinds {
		if got := kindOf(stated); got != want {
			t.Errorf("kindOf(%q) = %q, want %q", stated, got, want)
		}
	}
	exts := map[string]string{"application/pdf": ".pdf", "text/html; charset=utf-8": ".html", "": ".bin",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}
	for ct, want := range exts {
		if got := extension(ct); got != want {
			t.Errorf("extension(%q) = %q, want %q", ct, got, want)
		}
	}
}
