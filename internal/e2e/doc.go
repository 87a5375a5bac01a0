// Package e2e holds the end-to-end checks of built sites: a real browser
// (headless Chromium driven with chromedp) opening every page of the demo
// report from file:// and from a local server, the W3C Nu HTML Checker and
// axe-core over every page, and a link check of the whole output.
//
// The package has tests only. They build the repository's demo site once per
// test binary. Environment:
//
//	BROADSHEET_TOOLS              where `make test-deps` installed vnu-jar and
//	                              axe-core (default <module>/.cache/tools)
//	BROADSHEET_CHROMIUM           the browser to run (default: chromium on PATH,
//	                              then /usr/bin/chromium)
//	BROADSHEET_SKIP_BROWSER=1     skip the browser tests when no browser is
//	                              installed (otherwise they fail)
//	BROADSHEET_SKIP_VALIDATORS=1  skip the validators when Java, vnu.jar or
//	                              axe-core are missing (otherwise they fail)
//	BROADSHEET_E2E_SITE           check this site folder instead of the demo
//	BROADSHEET_ARTIFACTS          where screenshots of failing pages go
//	                              (default /tmp/broadsheet-e2e)
package e2e
