// Package loader turns source documents into a kg.Graph. It is pure and deterministic:
// files in, graph out, the same bytes for the same input; it knows nothing of stores or
// GraphQL.
package loader

import (
	"fmt"
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

// MaxFileSize is the largest document the loader reads. Parliamentary letters are kilobytes
// to a few megabytes; anything far larger is not one, and reading it would only cost memory.
const MaxFileSize = 32 << 20

// Extensions the loader reads; other files in a directory are ignored.
var Extensions = []string{".txt", ".md", ".html", ".htm", ".pdf"}

// ReadDirs reads the loadable files of the given directories (or single files), in name
// order. Unreadable files are reported, not fatal.
func ReadDirs(paths ...string) ([]File, []error) {
	var files []File
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
				if !e.IsDir() && loadable(e.Name()) {
					names = append(names, filepath.Join(p, e.Name()))
				}
			}
		} else {
			names = []string{p}
		}
		sort.Strings(names)
		for _, name := range names {
			if st, err := os.Stat(name); err == nil && st.Size() > MaxFileSize {
				errs = append(errs, &FileError{File: filepath.Base(name), Err: tooLarge(st.Size())})
				continue
			}
			data, err := os.ReadFile(name)
			if err != nil {
				errs = append(errs, &FileError{File: filepath.Base(name), Err: err})
				continue
			}
			files = append(files, File{Name: filepath.Base(name), Data: data})
		}
	}
	return files, errs
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
func Load(files []File) (*kg.Graph, []error) {
	sorted := append([]File(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	var docs []*docCtx
	var errs []error
	seen := map[string]string{}
	for _, f := range sorted {
		if len(f.Data) > MaxFileSize {
			errs = append(errs, &FileError{File: f.Name, Err: tooLarge(int64(len(f.Data)))})
			continue
		}
		d, err := prepare(f)
		if err != nil {
			errs = append(errs, &FileError{File: f.Name, Err: err})
			continue
		}
		if other, dup := seen[d.id]; dup {
			errs = append(errs, &FileError{File: f.Name, Err: fmt.Errorf("same document as %s (%s); skipped", other, d.id)})
			continue
		}
		seen[d.id] = f.Name
		docs = append(docs, d)
	}
	return loadAll(docs), errs
}

// LoadPaths reads and loads directories or files in one step.
func LoadPaths(paths ...string) (*kg.Graph, []error) {
	files, readErrs := ReadDirs(paths...)
	g, errs := Load(files)
	return g, append(readErrs, errs...)
}

func tooLarge(size int64) error {
	return fmt.Errorf("file too large: %d MB, the limit is %d MB", size>>20, MaxFileSize>>20)
}
