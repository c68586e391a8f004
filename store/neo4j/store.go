package neo4j

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"beleidsgraaf/store"
)

// Config says where the database is and how Replace reports on itself.
type Config struct {
	URI      string // bolt://host:7687, neo4j://host:7687, ...
	User     string // empty: no authentication
	Password string
	Database string // empty: "neo4j"

	// BatchSize is the most rows Replace writes or deletes per transaction; 0: 1000.
	BatchSize int
	// Progress, when set, is called by Replace after every batch it writes, with the
	// number of elements (nodes and edges) written so far and the total.
	Progress func(done, total int)
	// Logf, when set, receives what Replace cannot report as an error: a failure to
	// remove an older generation after the new one is already served.
	Logf func(format string, args ...any)

	// Timeouts; zero values mean the defaults below. They bound how long a call waits for an
	// unreachable database, so that an outage is reported as store.ErrUnavailable well
	// within an API request's time limit instead of hanging until it.
	RetryTime      time.Duration // managed transactions retry transient failures this long
	AcquireTimeout time.Duration // waiting for a pooled connection, connecting included
	ConnectTimeout time.Duration // one TCP connect
}

// Defaults of the Config timeouts. With them a read against a database that is down fails
// after about 2 s (an attempt at once and one more after the driver's first backoff of
// 2 s ± 10 %; it retries only while less than RetryTime has passed), one that finds the pool
// exhausted after at most 5 s: well within the API's request limit of 15 s.
const (
	DefaultRetryTime      = time.Second
	DefaultAcquireTimeout = 5 * time.Second
	DefaultConnectTimeout = 2 * time.Second
)

// DefaultDatabase is the database used when Config.Database is empty.
const DefaultDatabase = "neo4j"

const defaultBatchSize = 1000

// Store is a store.Store on Neo4j. It is safe for concurrent use; one Store (one driver,
// one connection pool) is meant to serve the whole process.
type Store struct {
	drv       neo4j.DriverWithContext
	db        string
	bookmarks neo4j.BookmarkManager
	batch     int
	progress  func(done, total int)
	logf      func(format string, args ...any)

	queries atomic.Int64 // Cypher statements sent, retries included
	rereads atomic.Int64 // reads run again because the generation changed under them
	closed  atomic.Bool
	close   sync.Once
	writeMu sync.Mutex // one Replace at a time in this process

	// afterBatch, when set (by tests), runs after every batch Replace writes; an error
	// aborts the Replace as a database failure would.
	afterBatch func(done, total int) error
}

var _ store.Store = (*Store)(nil)

// Open connects to Neo4j, checks that it answers, and sets up the schema (constraints and
// indexes, idempotently). Failures to connect are store.ErrUnavailable.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, errors.New("neo4j: no URI")
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *neo4j.Config) {
		c.MaxTransactionRetryTime = cmp.Or(cfg.RetryTime, DefaultRetryTime)
		c.ConnectionAcquisitionTimeout = cmp.Or(cfg.AcquireTimeout, DefaultAcquireTimeout)
		c.SocketConnectTimeout = cmp.Or(cfg.ConnectTimeout, DefaultConnectTimeout)
		c.SocketKeepalive = true
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: %w", err)
	}
	s := &Store{
		drv:       drv,
		db:        cfg.Database,
		bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{}),
		batch:     cfg.BatchSize,
		progress:  cfg.Progress,
		logf:      cfg.Logf,
	}
	if s.db == "" {
		s.db = DefaultDatabase
	}
	if s.batch <= 0 {
		s.batch = defaultBatchSize
	}
	if err := drv.VerifyConnectivity(ctx); err != nil {
		_ = drv.Close(context.WithoutCancel(ctx))
		return nil, s.wrap(ctx, err)
	}
	if err := s.ensureSchema(ctx); err != nil {
		_ = drv.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	return s, nil
}

// Queries is the number of Cypher statements this store has sent (transaction retries
// included). Every Reader method sends at most one, whatever the number of IDs it is given:
// tests and benchmarks read it to count round trips.
func (s *Store) Queries() int64 { return s.queries.Load() }

// Ping implements store.Reader: one trivial read on the configured database, tried once
// (no managed retries), so that /readyz reports an outage at once.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.usable(ctx); err != nil {
		return err
	}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	s.queries.Add(1)
	res, err := sess.Run(ctx, "RETURN 1", nil, txTimeout(ctx))
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return s.wrap(ctx, err)
}

// txTimeout asks the server to end a transaction when the caller's deadline passes, so that
// a statement the caller gave up on (an API request that timed out) does not go on using
// the database. Without a deadline the server's default applies.
func txTimeout(ctx context.Context) func(*neo4j.TransactionConfig) {
	return func(c *neo4j.TransactionConfig) {
		if d, ok := ctx.Deadline(); ok {
			// Neo4j takes milliseconds and treats 0 as "no timeout".
			c.Timeout = max(time.Until(d).Round(time.Millisecond), time.Millisecond)
		}
	}
}

// Close closes the driver. Later calls fail with store.ErrUnavailable; closing again is a
// no-op.
func (s *Store) Close(ctx context.Context) error {
	var err error
	s.close.Do(func() {
		s.closed.Store(true)
		err = s.drv.Close(ctx)
	})
	return err
}

func (s *Store) usable(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.closed.Load() {
		return store.ErrUnavailable
	}
	return nil
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.drv.NewSession(ctx, neo4j.SessionConfig{
		AccessMode:      mode,
		DatabaseName:    s.db,
		FetchSize:       neo4j.FetchAll, // one PULL: a read is one round trip
		BookmarkManager: s.bookmarks,
	})
}

// maxUnstable is how many times a read is run again, in its transaction, when the served
// generation changed while it ran (see stableTail).
const maxUnstable = 5

// read runs one reader statement, built as genClause … stableTail, and returns the values
// of its single row without the final "stable" column. When the statement reports that
// the served generation changed while it ran, its answer may mix generations (the old one
// is being deleted), so it is run again: that is rare, and the only case where a Reader
// call costs more than one statement.
//
// It is sent first as an auto-commit transaction: RUN and PULL in one round trip, where a
// managed transaction adds a COMMIT and its own round trip (a read has nothing to commit).
// Only when that fails with an error the driver would retry (a lost connection, a leader
// change, a database starting) is it run again in a managed read transaction, which
// retries for Config.RetryTime: the retries and the outage behaviour are the managed
// transaction's, the common case costs one round trip.
func (s *Store) read(ctx context.Context, query string, params map[string]any) ([]any, error) {
	if err := s.usable(ctx); err != nil {
		return nil, err
	}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	vals, err := s.readStable(ctx, func() ([]*neo4j.Record, error) {
		s.queries.Add(1)
		res, err := sess.Run(ctx, query, params, txTimeout(ctx))
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	})
	if err == nil || !neo4j.IsRetryable(err) || ctx.Err() != nil {
		return vals, s.wrap(ctx, err)
	}
	vals, err = neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) ([]any, error) {
		return s.readStable(ctx, func() ([]*neo4j.Record, error) { return s.run(ctx, tx, query, params) })
	}, txTimeout(ctx))
	return vals, s.wrap(ctx, err)
}

// readStable runs a reader statement until it reports a stable generation (at most
// maxUnstable times) and returns its row without the "stable" column.
func (s *Store) readStable(ctx context.Context, run func() ([]*neo4j.Record, error)) ([]any, error) {
	for range maxUnstable {
		recs, err := run()
		if err != nil {
			return nil, err
		}
		if len(recs) != 1 {
			return nil, fmt.Errorf("neo4j: read returned %d rows, want 1", len(recs))
		}
		v := recs[0].Values
		if stable, _ := v[len(v)-1].(bool); stable {
			return v[:len(v)-1], nil
		}
		s.rereads.Add(1)
	}
	return nil, errUnstable
}

var errUnstable = errors.New("the graph was replaced repeatedly during one read")

// readRaw runs a statement that does not read the graph (Ping, schema checks).
func (s *Store) readRaw(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	if err := s.usable(ctx); err != nil {
		return nil, err
	}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	recs, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
		return s.run(ctx, tx, query, params)
	}, txTimeout(ctx))
	if err != nil {
		return nil, s.wrap(ctx, err)
	}
	return recs, nil
}

// write runs work in one managed write transaction.
func (s *Store) write(ctx context.Context, work func(tx neo4j.ManagedTransaction) (any, error)) (any, error) {
	if err := s.usable(ctx); err != nil {
		return nil, err
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	out, err := sess.ExecuteWrite(ctx, work)
	if err != nil {
		return nil, s.wrap(ctx, err)
	}
	return out, nil
}

// run sends one statement in a transaction and collects its records.
func (s *Store) run(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) ([]*neo4j.Record, error) {
	s.queries.Add(1)
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// wrap classifies a driver error: a cancelled or expired context is returned as such, and
// so is a transaction the server ended because the caller's deadline passed (txTimeout); a
// statement or schema error is a bug in this package and says so; everything else (no
// connection, database down, retries exhausted, security) is store.ErrUnavailable, with
// the driver's message for the logs.
func (s *Store) wrap(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Statement."),
			strings.HasPrefix(ne.Code, "Neo.ClientError.Schema."):
			return fmt.Errorf("neo4j: %w", err)
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Transaction.TransactionTimedOut"):
			return fmt.Errorf("neo4j: %w: %w", context.DeadlineExceeded, err)
		}
	}
	return fmt.Errorf("%w: neo4j: %w", store.ErrUnavailable, err)
}
