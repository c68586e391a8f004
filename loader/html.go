package loader

import (
	"bytes"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// htmlToText turns an officielebekendmakingen or Tweede Kamer page into the plain-text
// layout the rest of the loader reads: block elements become paragraphs, table rows become
// tab-separated lines, <sup> digits become superscript footnote markers, and scripts,
// styles and site navigation are dropped.
func htmlToText(data []byte) string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return string(data)
	}
	var b strings.Builder
	firstCell := false
	sup := 0
	write := func(s string) {
		if sup > 0 {
			s = strings.Map(func(r rune) rune {
				if x, ok := toSuper[r]; ok {
					return x
				}
				return r
			}, strings.TrimSpace(s))
		}
		b.WriteString(s)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "head", "nav", "footer", "header", "template":
				return
			case "br":
				b.WriteString("\n")
			case "tr":
				firstCell = true
			case "td", "th":
				if !firstCell {
					b.WriteString("\t")
				}
				firstCell = false
			case "sup":
				sup++
				defer func() { sup-- }()
			}
		}
		if n.Type == html.TextNode {
			write(collapseSpace(n.Data))
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "blockquote", "table", "dd", "dt":
				b.WriteString("\n\n")
			case "tr":
				b.WriteString("\n")
			}
		}
	}
	walk(doc)
	return b.String()
}

// collapseSpace folds runs of white space into one space, keeping a leading or trailing
// space so that adjacent inline elements stay separate words.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		} else if space {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
