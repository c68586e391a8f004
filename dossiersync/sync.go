// Package dossiersync brings a Kamerstukdossier into a directory from the official
// sources: the Kamerstukken the officielebekendmakingen search lists (as their XML) and the
// documents, motions, decisions and votes the Tweede Kamer's open data lists (documents
// without XML as their original file). Beside each document it writes the metadata file the
// loader reads (loader.Sidecar). It is incremental (a document is downloaded again only when
// its source's version changes), resumable (what a killed run finished stays finished, and
// what it left half-written is cleared), and writes every file atomically.
package dossiersync

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"beleidsgraaf/loader"
	"beleidsgraaf/source/polite"
	"beleidsgraaf/source/sru"
	"beleidsgraaf/source/tkodata"
)

// Options say what to fetch from where.
type Options struct {
	Dossier int    // 28638
	Since   string // YYYY-MM-DD: only what changed on or after it; "" for all
	Dir     string
	// The services' base addresses; DownloadURL is the base of the documents' original
	// files (Document(id)/resource), the OData service's own when empty.
	ODataURL, SRUURL, DownloadURL string
	Client                        *polite.Client
	// Workers is how many documents are fetched at once.
	Workers int
	// Progress, if set, is called after each document, from one goroutine at a time.
	Progress func(Progress)
}

// Progress is how far a sync has come.
type Progress struct {
	Done, Total int
	Bytes       int64 // downloaded so far
}

// Result is what a sync did.
type Result struct {
	Documents int // in the listing
	Fetched   int // downloaded this run
	Unchanged int // already in DIR at the source's version
	Metadata  int // metadata files written because they were new or changed
	Bytes     int64
	Retries   int64
	Failed    []Failure
	// Dropped are the files of documents an earlier run fetched that the sources no longer
	// list (deleted upstream): kept, and marked in their metadata files (loader.Sidecar.Deleted).
	Dropped []string
}

// Failure is a document that did not arrive; the others did.
type Failure struct {
	File, URL string
	Err       error
}

func (f Failure) Error() string { return f.File + " (" + f.URL + "): " + f.Err.Error() }

// StateFile keeps, per document, the version last fetched; a dot file, so the loader
// passes it over.
const StateFile = ".beleidsgraaf-sync.json"

type state struct {
	Dossier int                  `json:"dossier"`
	Files   map[string]fileState `json:"files"` // by stem
}

type fileState struct {
	File    string `json:"file"`
	URL     string `json:"url"`
	Version string `json:"version"`
	Size    int64  `json:"size"`
	SHA256  string `json:"sha256"`
	// Deleted: the sources no longer list it; reported once, when it drops out
	Deleted bool `json:"deleted,omitempty"`
}

// Run syncs the dossier into o.Dir. An error is returned when the listings cannot be read;
// documents that cannot be fetched are in Result.Failed, and the rest still arrives.
func Run(ctx context.Context, o Options) (Result, error) {
	var res Result
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.Client == nil {
		o.Client = polite.New(o.Workers)
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return res, err
	}
	if err := clearPartial(o.Dir); err != nil {
		return res, err
	}
	st, err := readState(o.Dir, o.Dossier)
	if err != nil {
		return res, err
	}
	odata := tkodata.New(o.ODataURL, o.Client)
	docs, err := odata.DossierDocuments(ctx, o.Dossier, o.Since)
	if err != nil {
		return res, fmt.Errorf("listing the dossier's documents (Tweede Kamer open data): %w", err)
	}
	recs, err := sru.New(o.SRUURL, o.Client).Kamerstukken(ctx, fmt.Sprint(o.Dossier), o.Since)
	if err != nil {
		return res, fmt.Errorf("listing the dossier's Kamerstukken (officielebekendmakingen): %w", err)
	}
	items := plan(o.Dossier, docs, recs, odata, firstNonEmpty(o.DownloadURL, o.ODataURL))
	if o.Since != "" {
		keepKnownXML(items, st)
	}
	res.Documents = len(items)

	var mu sync.Mutex // guards res, st and the progress count
	done := 0
	work := make(chan item)
	var wg sync.WaitGroup
	for range min(o.Workers, max(len(items), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range work {
				prev, known := st.lookup(&mu, it.stem)
				fetched, fs, metaWritten, err := syncOne(ctx, o, it, prev, known)
				mu.Lock()
				switch {
				case err != nil && ctx.Err() == nil:
					res.Failed = append(res.Failed, Failure{File: it.file(), URL: it.url, Err: err})
				case err == nil:
					if fetched > 0 {
						res.Fetched++
						res.Bytes += fetched
					} else {
						res.Unchanged++
					}
					if metaWritten {
						res.Metadata++
					}
					if fs != prev || !known {
						st.Files[it.stem] = fs
						// after every new document: a killed run keeps what it finished
						if err := writeState(o.Dir, st); err != nil {
							res.Failed = append(res.Failed, Failure{File: StateFile, Err: err})
						}
					}
				}
				done++
				if o.Progress != nil {
					o.Progress(Progress{Done: done, Total: len(items), Bytes: res.Bytes})
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for _, it := range items {
		select {
		case work <- it:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if o.Since == "" && ctx.Err() == nil {
		// only a full listing tells what is gone: --since lists what changed
		dropped, err := markDropped(o.Dir, items, st)
		res.Dropped = dropped
		if err != nil {
			res.Failed = append(res.Failed, Failure{File: StateFile, Err: err})
		}
	}
	res.Retries = o.Client.Retries()
	sort.Slice(res.Failed, func(i, j int) bool { return res.Failed[i].File < res.Failed[j].File })
	return res, ctx.Err()
}

// keepKnownXML: with --since the search lists only the Kamerstukken whose XML changed, so a
// document the Kamer's API lists for a new decision alone comes without its XML; the XML an
// earlier run fetched is still its file (not the original file in its place).
func keepKnownXML(items []item, st *state) {
	for i := range items {
		it := &items[i]
		prev, ok := st.Files[it.stem]
		if !ok || it.meta.Source != "tkodata" || filepath.Ext(prev.File) != ".xml" || it.ext == ".xml" {
			continue
		}
		it.ext, it.url, it.version = ".xml", prev.URL, prev.Version
		it.meta.Source = "tkodata+sru"
		it.meta.File, it.meta.FileURL, it.meta.Modified = it.file(), it.url, it.version
	}
}

// markDropped finds the documents of earlier runs that neither listing holds any more
// (deleted upstream: the Kamer's API filters on Verwijderd eq false) and marks their metadata
// files deleted, leaving the documents as they were. It returns their files, each the run it
// drops out; one that comes back is fetched and described as usual.
func markDropped(dir string, items []item, st *state) ([]string, error) {
	listed := map[string]bool{}
	for _, it := range items {
		listed[it.stem] = true
	}
	var dropped []string
	for stem, fs := range st.Files {
		if listed[stem] || fs.Deleted {
			continue
		}
		metaPath := filepath.Join(dir, stem+loader.SidecarSuffix)
		var meta loader.Sidecar
		if data, err := loader.ReadFile(metaPath); err != nil || json.Unmarshal(data, &meta) != nil {
			meta = loader.Sidecar{File: fs.File, FileURL: fs.URL, Modified: fs.Version} // what the state knows
		}
		meta.Deleted = true
		data, err := json.MarshalIndent(meta, "", "  ")
		if err == nil {
			err = writeAtomic(metaPath, append(data, '\n'))
		}
		if err != nil {
			return dropped, err
		}
		fs.Deleted = true
		st.Files[stem] = fs
		dropped = append(dropped, fs.File)
	}
	sort.Strings(dropped)
	if len(dropped) == 0 {
		return nil, nil
	}
	return dropped, writeState(dir, st)
}

func (s *state) lookup(mu *sync.Mutex, stem string) (fileState, bool) {
	mu.Lock()
	defer mu.Unlock()
	fs, ok := s.Files[stem]
	return fs, ok
}

// syncOne brings one document and its metadata file up to date. It returns the bytes
// downloaded (0 when the file was current) and the document's new state.
func syncOne(ctx context.Context, o Options, it item, prev fileState, known bool) (int64, fileState, bool, error) {
	path := filepath.Join(o.Dir, it.file())
	cur := known && prev.File == it.file() && prev.URL == it.url && prev.Version == it.version && sizeIs(path, prev.Size)
	fs := prev
	fs.Deleted = false // listed again
	var fetched int64
	if !cur {
		resp, err := o.Client.Get(ctx, it.url, "", loader.MaxFileSize)
		if err != nil {
			return 0, prev, false, err
		}
		if len(resp.Body) == 0 {
			return 0, prev, false, errors.New("empty document")
		}
		if err := writeAtomic(path, resp.Body); err != nil {
			return 0, prev, false, err
		}
		sum := sha256.Sum256(resp.Body)
		fs = fileState{File: it.file(), URL: it.url, Version: it.version, Size: int64(len(resp.Body)), SHA256: hex.EncodeToString(sum[:])}
		fetched = int64(len(resp.Body))
		if known && prev.File != "" && prev.File != it.file() {
			os.Remove(filepath.Join(o.Dir, prev.File)) // the same document in a better format now
		}
	}
	meta, err := json.MarshalIndent(it.meta, "", "  ")
	if err != nil {
		return fetched, fs, false, err
	}
	meta = append(meta, '\n')
	metaPath := filepath.Join(o.Dir, it.stem+loader.SidecarSuffix)
	if old, err := loader.ReadFile(metaPath); err == nil && bytes.Equal(old, meta) {
		return fetched, fs, false, nil
	}
	return fetched, fs, true, writeAtomic(metaPath, meta)
}

func sizeIs(path string, size int64) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular() && info.Size() == size
}

// partialPrefix starts the name of a file being written: a dot file (the loader passes it
// over) that is renamed into place only when complete.
const partialPrefix = ".partial-"

// writeAtomic writes data to path through a temporary file in the same directory, synced
// and then renamed over path: a reader (or a killed run) sees the old file or the new one,
// never half of one.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), partialPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// clearPartial removes what a killed run left half-written.
func clearPartial(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), partialPrefix) && e.Type().IsRegular() {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

func readState(dir string, dossier int) (*state, error) {
	st := &state{Dossier: dossier, Files: map[string]fileState{}}
	data, err := loader.ReadFile(filepath.Join(dir, StateFile))
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("%s: not readable (%v); remove it to fetch everything again", filepath.Join(dir, StateFile), err)
	}
	if st.Dossier != dossier {
		return nil, fmt.Errorf("%s holds dossier %d, not %d: sync each dossier into a directory of its own", dir, st.Dossier, dossier)
	}
	if st.Files == nil {
		st.Files = map[string]fileState{}
	}
	return st, nil
}

func writeState(dir string, st *state) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, StateFile), append(data, '\n'))
}
