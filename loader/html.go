package loader

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// htmlToText turns an officielebekendmakingen or Tweede Kamer page into the plain-text
// layout the rest of the loader reads: block elements become paragraphs, table cells are
// separated by tabs, scripts and styles are dropped.
func htmlToText(data []byte) string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return string(data)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "head", "nav", "footer":
				return
			case "br":
				b.WriteString("\n")
			case "td", "th":
				b.WriteString("\t")
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(strings.Join(strings.Fields(n.Data), " "))
			if strings.HasSuffix(n.Data, " ") {
				b.WriteString(" ")
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "blockquote":
				b.WriteString("\n\n")
			case "tr":
				b.WriteString("\n")
			}
		}
	}
	walk(doc)
	return b.String()
}
