package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"beleidsgraaf/dossiersync"
	"beleidsgraaf/loader"
	"beleidsgraaf/source/polite"
	"beleidsgraaf/source/sru"
	"beleidsgraaf/source/tkodata"
)

const syncUsage = `Usage: beleidsgraaf sync --dossier N [flags] DIR/

Brings Kamerstukdossier N into DIR from the official sources: the officielebekendmakingen XML
of each Kamerstuk (else the document's original file from the Tweede Kamer's open data), and
beside each document a metadata file (NAME.meta.json) with what the Kamer's open data states:
dossier, number, date, kind, title, signers, submitters, the activity, and a motion's decisions
and votes per fractie. A second run fetches only what changed; an interrupted run continues
where it stopped. Then: beleidsgraaf DIR/

Flags:
`

// runSync implements "beleidsgraaf sync" (package dossiersync).
func runSync(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, syncUsage)
		fs.PrintDefaults()
	}
	dossier := fs.Int("dossier", 0, "the Kamerstukdossier's number, e.g. 28638 (Mensenhandel)")
	since := fs.String("since", "", "only what changed on or after this date (YYYY-MM-DD)")
	odataURL := fs.String("odata-url", tkodata.DefaultBaseURL, "base address of the Tweede Kamer's OData v4 service")
	sruURL := fs.String("sru-url", sru.DefaultBaseURL, "address of the officielebekendmakingen SRU search")
	downloadURL := fs.String("download-url", "", "base address of the documents' original files (Document(id)/resource); empty: --odata-url")
	workers := fs.Int("workers", 4, "documents fetched at once (the requests in flight are bounded by this too)")
	contact := fs.String("contact", os.Getenv("BELEIDSGRAAF_CONTACT"), "an e-mail address or URL added to the User-Agent, so the services can reach you (env BELEIDSGRAAF_CONTACT)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if _, err := time.Parse(time.DateOnly, *since); *since != "" && err != nil {
		fmt.Fprintf(stderr, "beleidsgraaf sync: --since %q is not a date (YYYY-MM-DD)\n", *since)
		return 2
	}
	if *dossier <= 0 || fs.NArg() != 1 || *workers < 1 || *workers > 16 {
		fs.Usage()
		return 2
	}
	// Ctrl-C stops the run between writes; what it finished stays, and the next run goes on
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	progress := newLoadProgress()
	progress.verb = "syncing"
	client := polite.New(*workers)
	client.UserAgent = polite.WithContact(*contact)
	res, err := dossiersync.Run(ctx, dossiersync.Options{
		Dossier: *dossier, Since: *since, Dir: fs.Arg(0),
		ODataURL: *odataURL, SRUURL: *sruURL, DownloadURL: *downloadURL,
		Client: client, Workers: *workers,
		Progress: func(p dossiersync.Progress) {
			progress.report(loader.Progress{Done: p.Done, Total: p.Total, Bytes: p.Bytes})
		},
	})
	if err != nil && res.Documents == 0 {
		fmt.Fprintln(stderr, "beleidsgraaf sync:", err)
		return 1
	}
	fmt.Fprintf(stdout, "dossier %d: %d documents: %d fetched (%.1f MB), %d unchanged; %d metadata files written; %d requests retried\n",
		*dossier, res.Documents, res.Fetched, float64(res.Bytes)/1e6, res.Unchanged, res.Metadata, res.Retries)
	if len(res.Dropped) > 0 {
		fmt.Fprintf(stdout, "%d no longer listed by the sources (deleted upstream), kept and marked deleted in their metadata files: %s\n",
			len(res.Dropped), strings.Join(res.Dropped, ", "))
	}
	for _, f := range res.Failed {
		fmt.Fprintln(stderr, "beleidsgraaf sync: not fetched:", f.Error())
	}
	switch {
	case err != nil:
		fmt.Fprintln(stderr, "beleidsgraaf sync: stopped:", err, "(run it again to continue)")
		return 1
	case len(res.Failed) > 0:
		fmt.Fprintf(stderr, "beleidsgraaf sync: %d of %d documents did not arrive; the others did. Run it again to retry them.\n", len(res.Failed), res.Documents)
		return 1
	}
	return 0
}
