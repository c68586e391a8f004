// Package polite is the HTTP client the official services ask for: a clear User-Agent,
// a bound on requests in flight, and backoff with retry on 429 and 5xx that honours
// Retry-After. Both sources (source/tkodata, source/sru) and the document downloads go
// through one Client, so the bound holds for the whole sync.
package polite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// UserAgent names the program and what it does, so that the services' operators can tell
// it apart; WithContact adds who runs it.
const UserAgent = "beleidsgraaf-sync/1.0 (dossier sync of a knowledge graph of parliamentary documents)"

// WithContact is the User-Agent with a way to reach whoever runs the sync (an e-mail
// address or a URL); "" gives UserAgent.
func WithContact(contact string) string {
	if contact == "" {
		return UserAgent
	}
	return UserAgent[:len(UserAgent)-1] + "; contact: " + contact + ")"
}

// Client fetches URLs politely. The zero value is not usable; use New.
type Client struct {
	HTTP      *http.Client
	UserAgent string
	// Attempts is how often a request is tried in all before its error is returned.
	Attempts int
	// BaseDelay is the first backoff; it doubles per attempt up to MaxDelay (with jitter).
	BaseDelay, MaxDelay time.Duration
	// MaxRetryAfter is the longest Retry-After honoured; a server asking for more gets an
	// error instead of a client that hangs for an hour.
	MaxRetryAfter time.Duration
	// Sleep waits d or until ctx ends; tests replace it to see the waits without waiting.
	Sleep func(ctx context.Context, d time.Duration) error

	slots   chan struct{}
	retries atomic.Int64
}

// New returns a client with at most inFlight requests at once (at least 1).
func New(inFlight int) *Client {
	return &Client{
		HTTP:          &http.Client{Timeout: 2 * time.Minute},
		UserAgent:     UserAgent,
		Attempts:      6,
		BaseDelay:     time.Second,
		MaxDelay:      time.Minute,
		MaxRetryAfter: 5 * time.Minute,
		Sleep:         sleep,
		slots:         make(chan struct{}, max(inFlight, 1)),
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Retries is how many requests were repeated so far (after a 429, a 5xx or a network error).
func (c *Client) Retries() int64 { return c.retries.Load() }

// StatusError is an answer that is neither success nor worth retrying (or out of retries).
type StatusError struct {
	URL    string
	Status int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// Response is a successful answer, read whole.
type Response struct {
	Body   []byte
	Header http.Header
}

// ErrTooLarge is a body past the limit the caller gave.
var ErrTooLarge = errors.New("response larger than the limit")

// Get fetches url and reads at most limit bytes of its body. 429, 5xx and network errors
// are retried with backoff (Retry-After when the server sends one); other statuses are a
// *StatusError at once.
func (c *Client) Get(ctx context.Context, url, accept string, limit int64) (*Response, error) {
	var last error
	for attempt := 0; attempt < c.Attempts; attempt++ {
		if attempt > 0 {
			c.retries.Add(1)
		}
		resp, wait, err := c.try(ctx, url, accept, limit)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		last = err
		if wait < 0 { // not retryable
			return nil, err
		}
		if wait == 0 {
			wait = c.backoff(attempt)
		}
		if attempt+1 < c.Attempts {
			if err := c.Sleep(ctx, wait); err != nil {
				return nil, err
			}
		}
	}
	return nil, fmt.Errorf("gave up after %d attempts: %w", c.Attempts, last)
}

// try makes one request. wait < 0: do not retry; 0: back off; > 0: the server's Retry-After.
func (c *Client) try(ctx context.Context, url, accept string, limit int64) (*Response, time.Duration, error) {
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, -1, ctx.Err()
	}
	defer func() { <-c.slots }()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, -1, err
	}
	req.Header.Set("User-Agent", c.UserAgent)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		err := &StatusError{URL: url, Status: resp.StatusCode}
		ra, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now())
		if !ok {
			return nil, 0, err
		}
		if ra > c.MaxRetryAfter {
			return nil, -1, fmt.Errorf("%w (the server asks to wait %s, longer than %s)", err, ra, c.MaxRetryAfter)
		}
		return nil, max(ra, time.Millisecond), err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, -1, &StatusError{URL: url, Status: resp.StatusCode}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, 0, fmt.Errorf("%s: reading the body: %w", url, err) // a cut connection: retry
	}
	if int64(len(body)) > limit {
		return nil, -1, fmt.Errorf("%s: %w (%d bytes)", url, ErrTooLarge, limit)
	}
	if resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength {
		return nil, 0, fmt.Errorf("%s: body cut off at %d of %d bytes", url, len(body), resp.ContentLength)
	}
	return &Response{Body: body, Header: resp.Header}, 0, nil
}

// backoff is the wait before attempt+1: BaseDelay·2^attempt, at most MaxDelay, of which a
// random half (equal jitter) so that clients that failed together do not return together.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.BaseDelay << min(attempt, 20)
	if d <= 0 || d > c.MaxDelay {
		d = c.MaxDelay
	}
	return d/2 + rand.N(d/2+1)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h string, now time.Time) (time.Duration, bool) {
	if h == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
