// Package loader turns source documents into a kg.Graph. It is pure and deterministic:
// files in, graph out, the same bytes for the same input whatever the number of cores; it
// knows nothing of stores or GraphQL. The layout (recognisers → one assembler) is in
// pipeline.go, recognise.go and assembler.go.
package loader

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"beleidsgraaf/kg"
)

// File is one source document: its base name and raw bytes.
type File struct {
	Name string
	Data []byte
}

// FileError says which file could not be loaded and why; the other files still load.
type FileError struct {
	File string
	Err  error
}

func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Warning says what the loader could not read in a file it loaded, or which file of a
// directory it passed over. The file's graph (if any) still loads.
type Warning struct {
	File string
	Msg  string
}

func (w *Warning) Error() string { return w.File + ": " + w.Msg }

// Failures keeps the errors that are failures, not warnings: documents that did not load.
func Failures(errs []error) []error {
	var out []error
	for _, err := range errs {
		if _, warning := err.(*Warning); !warning {
			out = append(out, err)
		}
	}
	return out
}

// MaxFileSize is the largest document the loader reads. Parliamentary letters are kilobytes
// to a few megabytes; anything far larger is not one, and reading it would only cost memory.
const MaxFileSize = 32 << 20

// Extensions the loader reads; other files in a directory are ignored.
var Extensions = []string{".txt", ".md", ".html", ".htm", ".xml", ".pdf", ".docx"}

// Progress is how far a load has come: documents assembled of those read, and the bytes
// of input behind them.
type Progress struct {
	Done, Total int
	Bytes       int64
}

// Options tune a load without changing its result.
type Options struct {
	// Progress, if set, is called after each document has been assembled, in order.
	Progress func(Progress)
}

// source is a document to load: its name and how to get its bytes, so that a file is read
// only when a core is free to prepare it and its raw bytes are dropped right after.
type source struct {
	name string
	// dir is the directory the file was listed in ("" for files given in memory): a
	// metadata file describes the document of its stem in its own directory only
	dir  string
	read func() ([]byte, error)
}

// ReadDirs reads the loadable files of the given directories (or single files), in name
// order. Unreadable files are reported, not fatal.
func ReadDirs(paths ...string) ([]File, []error) {
	names, errs := listFiles(paths...)
	var files []File
	for _, name := range names {
		data, err := ReadFile(name)
		if err != nil {
			errs = append(errs, &FileError{File: filepath.Base(name), Err: err})
			continue
		}
		files = append(files, File{Name: filepath.Base(name), Data: data})
	}
	return files, errs
}

// listFiles returns the loadable files of directories (not descending into
// subdirectories) and the files named directly, in name order per argument.
func listFiles(paths ...string) ([]string, []error) {
	var out []string
	var errs []error
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &FileError{File: p, Err: err})
			continue
		}
		var names []string
		if info.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				errs = append(errs, &FileError{File: p, Err: err})
				continue
			}
			for _, e := range entries {
				switch {
				case e.IsDir() || strings.HasPrefix(e.Name(), "."):
				case loadable(e.Name()) || IsSidecar(e.Name()):
					names = append(names, filepath.Join(p, e.Name()))
				default:
					errs = append(errs, &Warning{File: e.Name(), Msg: "skipped: the loader reads " + strings.Join(Extensions, ", ") + " files"})
				}
			}
		} else {
			names = []string{p}
		}
		sort.Strings(names)
		out = append(out, names...)
	}
	return out, errs
}

// errNotRegular refuses what only looks like a file: a FIFO would block the load, a
// device (or a symlink to /dev/zero) would never end.
var errNotRegular = errors.New("not a regular file")

// ReadFile reads one regular file, at most MaxFileSize bytes of it (also for the sync's own
// files: a FIFO or a device in its place would hang it). It checks what it
// opened, not what the name pointed to a moment before; the open does not block on a FIFO.
func ReadFile(name string) ([]byte, error) {
	f, err := openNonBlocking(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w (%s)", errNotRegular, fileKind(st.Mode()))
	}
	if st.Size() > MaxFileSize {
		return nil, tooLarge(st.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("file too large: more than %d MB, the limit", MaxFileSize>>20)
	}
	return data, nil
}

func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return m.Type().String()
}

func loadable(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, x := range Extensions {
		if ext == x {
			return true
		}
	}
	return false
}

// Load extracts the graph of a set of documents. A document that cannot be read yields a
// *FileError and contributes nothing; the others load as usual.
func Load(files []File) (*kg.Graph, []error) { return Options{}.Load(files) }

// LoadPaths reads and loads directories or files in one step.
func LoadPaths(paths ...string) (*kg.Graph, []error) { return Options{}.LoadPaths(paths...) }

// Load is Load with options.
func (o Options) Load(files []File) (*kg.Graph, []error) {
	srcs := make([]source, len(files))
	for i, f := range files {
		srcs[i] = source{name: f.Name, read: func() ([]byte, error) {
			if len(f.Data) > MaxFileSize {
				return nil, tooLarge(int64(len(f.Data)))
			}
			return f.Data, nil
		}}
	}
	return o.load(srcs)
}

// LoadPaths is LoadPaths with options. Files are read as they are prepared, so the raw
// bytes of the corpus are never all in memory at once.
func (o Options) LoadPaths(paths ...string) (*kg.Graph, []error) {
	names, errs := listFiles(paths...)
	srcs := make([]source, len(names))
	for i, name := range names {
		srcs[i] = source{name: filepath.Base(name), dir: filepath.Dir(name), read: func() ([]byte, error) { return ReadFile(name) }}
	}
	g, loadErrs := o.load(srcs)
	return g, append(errs, loadErrs...)
}

func (o Options) load(srcs []source) (*kg.Graph, []error) {
	sort.SliceStable(srcs, func(i, j int) bool { return srcs[i].name < srcs[j].name })
	srcs, sidecars, errs := splitSidecars(srcs)
	prepared := make([]*docCtx, len(srcs))
	failed := make([]error, len(srcs))
	unstated := make([]error, len(srcs)) // warnings about metadata files (unreadable, deleted upstream)
	sizes := make([]int64, len(srcs))
	parallel(len(srcs), func(i int) {
		data, err := srcs[i].read()
		if err == nil {
			sizes[i] = int64(len(data))
			var stated *Sidecar
			stated, unstated[i] = sidecarOf(sidecars, srcs[i])
			prepared[i], err = prepareStated(File{Name: srcs[i].name, Data: data}, stated)
		}
		if err != nil {
			failed[i] = &FileError{File: srcs[i].name, Err: err}
		}
	})
	var docs []*docCtx
	var docBytes []int64
	seen := map[string]int{} // document ID → index in docs
	for i, d := range prepared {
		if unstated[i] != nil {
			errs = append(errs, unstated[i])
		}
		if failed[i] != nil {
			errs = append(errs, failed[i])
			continue
		}
		if at, dup := seen[d.id]; dup {
			// the same Kamerstuk from another site or format: one document, read from the
			// fuller text, that names the other file
			first := docs[at]
			if len(d.text.Body) > len(first.text.Body) {
				d, first = first, d
				docs[at], docBytes[at] = first, sizes[i]
			}
			first.alsoFrom = append(first.alsoFrom, d.file)
			continue
		}
		seen[d.id] = len(docs)
		docs = append(docs, d)
		docBytes = append(docBytes, sizes[i])
	}
	for _, d := range docs {
		errs = append(errs, d.incomplete()...)
	}
	if len(srcs) == 0 {
		errs = append(errs, &Warning{File: "(input)", Msg: "no documents to load"})
	}
	var progress func(int)
	if o.Progress != nil {
		var done int64
		progress = func(n int) {
			done += docBytes[n-1]
			o.Progress(Progress{Done: n, Total: len(docs), Bytes: done})
		}
	}
	return loadAll(docs, progress), errs
}

func tooLarge(size int64) error {
	return fmt.Errorf("file too large: %d MB, the limit is %d MB", size>>20, MaxFileSize>>20)
}
