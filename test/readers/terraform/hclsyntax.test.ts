import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseHcl, blockLines } from '../../../tasks/DrCheckV1/src/readers/terraform/hcl';
import { parseHclSyntax } from '../../../tasks/DrCheckV1/src/readers/terraform/hclsyntax';

const REPO = path.resolve(__dirname, '../../..');

/** HashiCorp's parser, as drcheck loads it for the files its own reader leaves alone. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as typeof import('@cdktf/hcl2json');

function tfFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git' && e.name !== 'corpus') tfFiles(full, out);
    } else if (/\.(tf|tfvars)$/.test(e.name)) out.push(full);
  }
  return out;
}

/** The document as hcl2json hands it over (JSON round trip: what JSON.parse of its output gives). */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('HCL native syntax reader (hclsyntax.ts)', () => {
  it('reads every Terraform file in the repository (examples, fixtures, the benchmark corpus) exactly as hcl2json does', async function () {
    this.timeout(60000);
    const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-hcl-'));
    // The benchmark generator's Terraform: count loops, for_each, locals, modules, conditionals.
    const { generate } = (await import(path.join(REPO, 'bench/generate.mjs'))) as { generate: (language: string, size: number, dir: string) => number };
    generate('terraform', 300, corpus);
    const files = [...tfFiles(path.join(REPO, 'examples')), ...tfFiles(path.join(REPO, 'test')), ...tfFiles(corpus)];
    assert.ok(files.length >= 10, `only ${files.length} files`);
    let read = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const mine = parseHclSyntax(text);
      let reference: unknown;
      try {
        reference = await hcl2json.parse(path.basename(f), text);
      } catch {
        assert.equal(mine, null, `${f}: hcl2json rejects it, so drcheck's reader must leave it to hcl2json`);
        continue;
      }
      if (!mine) {
        assert.match(text, /%\{|\$\{~|~\}|::/, `${f}: valid HCL without directives, strip markers or provider functions should not fall back`);
        continue;
      }
      assert.deepEqual(plain(mine.doc), reference, f);
      for (const [key, line] of mine.lines) assert.equal(line, blockLines(text).get(key), `${f}: line of ${key}`);
      read++;
    }
    assert.ok(read >= files.length - 2, `${read} of ${files.length} read by the fast path`);
    fs.rmSync(corpus, { recursive: true, force: true });
  });

  // Shapes found in real modules (ALZ, AVM, the azurerm provider's examples), each checked against hcl2json.
  const cases: Record<string, string> = {
    'strings, escapes and interpolation': 'a = "x${var.y}z"\nb = "esc \\"q\\" \\n $${not} %%{no}"\nc = "${var.y}"\nd = "x${"y"}z${1}${true}"\ne = "\\u00e9\\t"\nf = "${ var.y }"\ng = "${[1, 2]}"\nh = "${1}"\n',
    'numbers, bools, null and folded signs': 'a = 1.50\nb = 1e3\nc = -2\nd = - 2\ne = !true\nf = null\ng = -var.x\nh = --1\ni = -(1)\nj = 12345678901234567890\n',
    'expressions kept as source': 'a = (var.x)\nb = (var.x) + 1\nc = var.list[*].id\nd = var.m["k"]\ne = var.list.0\nf = foo(var.a...)\ng = var.a != "" ? var.a : null\nh = [for s in var.l : upper(s) if s != ""]\ni = { for k, v in var.m : k => v... }\nj = merge(\n  local.a,\n  { b = 1 },\n)\nk = setproduct(var.a, var.b)\nl = string\nm = var.a.b[0].c\n',
    'objects and tuples': 'a = { "a-b" = 1, c : true, (var.k) = null, 1 = "x", true = 2 }\nb = { a = 1, a = 2 }\nc = {\n  a = 1\n  b = 2,\n  c = [\n    1,\n    2,\n  ]\n}\nd = []\ne = {}\nproviders = {\n  azurerm.connectivity = azurerm\n}\n',
    'blocks, labels, repeats and one-line blocks': 'locals {\n  a = 1\n}\nlocals {\n  b = 2\n}\nresource "azurerm_storage_account" "st" {\n  count = 2\n  network_rules {\n    default_action = "Deny"\n  }\n  network_rules {\n    default_action = "Allow"\n  }\n  dynamic "geo_location" {\n    for_each = var.locs\n    content { location = geo_location.value }\n  }\n  lifecycle { ignore_changes = [tags] }\n}\nresource "azurerm_storage_account" "other" {}\nprovider "azurerm" {\n  features {}\n}\nterraform {\n  required_providers { azurerm = { source = "hashicorp/azurerm" } }\n}\n',
    'comments everywhere': '# a\n// b\n/* c\n d */\nresource "x_y" "z" { # trailing\n  a = 1 // after\n  b = [ # in a list\n    1, /* mid */ 2\n  ]\n  /* before */ c = 3\n}\n',
    'function calls as object keys': 'locals {\n  roles = {\n    lower("Cosmos DB Built-in Data Reader")      = "00000000-0000-0000-0000-000000000001",\n    lower("Cosmos DB Built-in Data Contributor") = "00000000-0000-0000-0000-000000000002"\n  }\n  m = { f() = 1, g(x, [1]) : 2 }\n}\n',
    'CRLF line endings': 'resource "azurerm_storage_account" "st" {\r\n  name = "st${var.x}"\r\n  account_replication_type = "GRS"\r\n}\r\n',
    'null inlined in a longer string': 'a = "x${null}"\nb = "${null}"\n',
    // Heredocs: each line keeps its line break; no backslash escapes; `$${`/`%%{` kept escaped; interpolations as in quoted strings.
    heredocs: [
      'a = <<EOT\nhello\n  world\n\nEOT\n',
      'b = <<EOT\nEOT\n',
      'c = <<EOT\n${var.x}\nEOT\n',
      'd = <<EOT\nx${var.x}y ${ var.y } $${not} %%{no} \\n \\" \\ % $ %x $x $$${z}\nEOT\n',
      'e = <<EOT\n${"lit"}${1}${true}${null}${-1}${[1]}\nEOT\n',
      'f = <<EOT\n  EOTX\n  EOT is not alone here\n${var.x}EOT\n\tEOT\t\n',
      'g = <<eot-1\nEOT\neot-1\n',
      'h = <<EOT\n${var.x\n}\nEOT\ni = 1\n',
      'j = <<EOT\n{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Resource": "${var.arn}" }]\n}\nEOT\n',
    ].join(''),
    'indented heredocs (<<-)': [
      'a = <<-EOT\n    hello\n      world\n  EOT\n',
      'b = <<-EOT\n    hello\n  world\n        EOT\n',
      'c = <<-EOT\n\thello\n  world\n\t\tx\n  EOT\n',
      'd = <<-EOT\n    x\n\n  \n\t\n    y\n    EOT\n',
      'e = <<-EOT\n  ${var.x}\n    foo\n  EOT\n',
      'f = <<-EOT\n${var.x}\n    foo\n  EOT\n',
      'g = <<-EOT\n    a ${\n  var.x\n    } b\n    c\n  EOT\n',
      'h = <<-EOT\n    $${x}\n  $x\n  EOT\n',
      'i = <<-EOT\n  é\n    ✓ 中\n  EOT\n',
      'j = <<-EOT\n  EOT\n',
    ].join(''),
    'heredocs in expressions': [
      'a = jsonencode(<<EOT\n{"a": 1}\nEOT\n)\n',
      'b = trimspace(<<-EOT\n  hello ${var.x}\n  EOT\n  )\n',
      'c = { k = <<EOT\nv\nEOT\n}\n',
      'd = [<<EOT\nv\nEOT\n, 1, <<EOT\nw\nEOT\n]\n',
      'e = 1 + <<EOT\nv\nEOT  \n',
      'f = "x${<<EOT\nv\nEOT\n}y"\n',
      'g = "${<<EOT\nv\nEOT\n}"\n',
      'h = <<EOT\nx${<<-EOF\n    v\n  EOF\n}y\nEOT\n',
      'i = (<<EOT\nv\nEOT\n)\n',
      'j = [<<EOT\nv\nEOT\n][0]\n',
      'resource "x_y" "z" {\n  policy = <<POLICY\n  {"a": "${var.a}"}\n  POLICY\n  name = "n"\n}\n',
    ].join(''),
    // A lone "${x}" inside another template stands for x (hcl2json unwraps it); a sign on a string is not folded.
    'strings inside interpolations': 'a = "${"${x}"}y"\nb = "${"${[1]}"}y"\nc = <<EOT\n${"${x}"}\nEOT\nd = -"${1}"\ne = "${"${"${x}"}"}y"\nf = "${"${1}"}y"\n',
    'heredocs with CRLF line endings': 'a = <<EOT\r\nhello\r\nEOT\r\nb = <<-EOT\r\n  x\r\n    y\r\n  \r\n  EOT\r\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`matches hcl2json: ${name}`, async () => {
      const mine = parseHclSyntax(text);
      assert.ok(mine, 'read by the fast path');
      assert.deepEqual(plain(mine.doc), await hcl2json.parse('case.tf', text));
    });
  }

  it('keeps a conditional inside a longer string as an expression drcheck evaluates (hcl2json rewrites it to a %{if} directive)', () => {
    const mine = parseHclSyntax('a = "st${var.prod ? "grs" : "lrs"}01"\nb = <<EOT\n${var.prod ? "grs" : "lrs"}\nEOT\n');
    assert.deepEqual(mine?.doc, { a: 'st${var.prod ? "grs" : "lrs"}01', b: '${var.prod ? "grs" : "lrs"}\n' });
  });

  it('leaves directives, strip markers and provider functions to hcl2json, which reads them', async () => {
    for (const text of [
      'a = "%{if var.x}y%{endif}"\n',
      'a = <<EOT\n%{ for x in var.l }${x}%{ endfor }\nEOT\n',
      'a = "${~ var.x ~}"\n',
      'a = <<EOT\n${~ var.x}\nEOT\n',
      'a = provider::azurerm::normalise_resource_id(var.id)\n',
      // A space then a combining mark is one character to HashiCorp's parser, which trims both.
      'a = <<-EOT\n  \u0301x\n  y\n  EOT\n',
    ]) {
      assert.equal(parseHclSyntax(text), null, text);
      const parsed = await parseHcl('x.tf', text);
      assert.ok(!('message' in parsed), `${text}: ${'message' in parsed ? parsed.message : ''}`);
    }
  });

  it('returns nothing for invalid HCL, so the error comes from hcl2json with its line and column', async () => {
    const invalid: Array<[string, number]> = [
      ['resource "a" "b" {\n  x = \n}\n', 2],
      ['a = 1\na = 2\n', 2],
      ['a = var.x\n  ? 1 : 2\n', 2],
      ['resource "a" "b" {\n  name = "unterminated\n}\n', 2],
      ['locals {\n  a = [1, 2\n}\n', 3],
      ['a = { b = 1 c = 2 }\n', 1],
      ['resource "a" "b" { x = 1 y = 2 }\n', 1],
      ['a = "\\q"\n', 1],
      ['resource "a" "b" {\n', 1],
      ['}\n', 1],
      ['a = -true\n', 1],
      ['a = 1 b\n', 1],
      // Heredocs: unterminated, the marker's line break missing, anything after the opening marker,
      // the marker closing earlier than meant, a lone CR, a heredoc ending a one-line block or before a comma.
      ['a = <<EOT\nhello\n', 3],
      ['a = <<EOT\nhello\nEOT', 3],
      ['a = <<EOT # policy\nhello\nEOT\n', 1],
      ['a = << EOT\nhello\nEOT\n', 1],
      ['a = <<EOT\nhello\nEOT // end\n', 4],
      ['a = <<EOT\n  EOT\nEOT\n', 3],
      ['a = <<EOT\nx\rEOT\nEOT\n', 2],
      ['x { a = <<EOT\nhello\nEOT\n}\n', 3],
      ['a = { b = <<EOT\nx\nEOT\n, c = 1 }\n', 4],
      ['a = <<EOT\nhello\nEOT\n == "x"\n', 4],
      // A lone CR is an invalid character (CRLF is a line break); `for` after `[` is always the keyword;
      // legacy indexes do not chain; a full splat's star has no line break around it; splats do not nest.
      ['a = 1\r', 1],
      ['a = [1,\r2]\n', 1],
      ['a = "x\r"\n', 1],
      ['a {\r}\n', 1],
      ['a = [for]\n', 1],
      ['a = [for, 1]\n', 1],
      ['a = x.0.1\n', 1],
      ['a = x.*.y.0.1\n', 1],
      ['a = x[\n*\n]\n', 2],
      ['a = x[*\n]\n', 2],
      ['a = x.*.y.*\n', 1],
      ['a = 1.1.0\n', 1],
    ];
    for (const [text, line] of invalid) {
      assert.equal(parseHclSyntax(text), null, JSON.stringify(text));
      const parsed = await parseHcl('bad.tf', text);
      assert.ok('message' in parsed, `${JSON.stringify(text)} should be an error`);
      assert.equal(parsed.line, line, `${JSON.stringify(text)}: ${parsed.message}`);
      assert.ok(parsed.column >= 1);
    }
  });

  it('leaves numbers JavaScript cannot spell as written inside a string to hcl2json', async () => {
    const text = 'a = "id-${9007199254740993}"\nb = "${0.12345678901234567890}s"\n';
    assert.equal(parseHclSyntax(text), null);
    const parsed = await parseHcl('x.tf', text);
    assert.ok(!('message' in parsed));
    assert.deepEqual(parsed.doc, { a: 'id-9007199254740993', b: '0.1234567890123456789s' });
  });

  it('records the line of each top-level resource, data and module block', () => {
    const text = '# header\n\nresource "azurerm_storage_account" "a" {\n  x = 1\n}\n\ndata "azurerm_client_config" "c" {}\nmodule "m" {\n  source = "./m"\n}\nresource "azurerm_storage_account" "b" {\n  nested {\n  }\n}\n';
    const mine = parseHclSyntax(text);
    assert.deepEqual([...(mine?.lines ?? [])], [
      ['resource.azurerm_storage_account.a', 3],
      ['data.azurerm_client_config.c', 7],
      ['module.m', 8],
      ['resource.azurerm_storage_account.b', 11],
    ]);
  });

  it('makes `__proto__` an ordinary key, never the prototype', () => {
    const mine = parseHclSyntax('__proto__ = { polluted = true }\nlocals {\n  x = { __proto__ = 1 }\n}\n');
    assert.ok(mine);
    assert.equal(Object.getPrototypeOf(mine.doc), Object.prototype);
    assert.deepEqual(Object.keys(mine.doc), ['locals', '__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const x = ((mine.doc.locals as Array<Record<string, unknown>>)[0].x as Record<string, unknown>);
    assert.equal(Object.getPrototypeOf(x), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(x, '__proto__')?.value, 1);
  });
});
