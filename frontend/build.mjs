// Builds OpenYJ's front-end assets into openyj/static/openyj/.
//
//   npm ci && npm run build
//
// Writes (all committed, so the app runs without Node), and touches nothing else
// in that folder:
//   openyj/static/openyj/openyj.css                    GOV.UK + MOJ Frontend + ours, minified
//   openyj/static/openyj/openyj.js                     ES module bundle: initAll + MOJ components
//   openyj/static/openyj/govuk-frontend-supported.js   tiny synchronous script for <body>
//   openyj/static/openyj/images/*                      only the images the CSS refers to, and our favicon
//   openyj/static/openyj/THIRD-PARTY-NOTICES.txt       versions and licences of what is bundled
//
// The build fails if the CSS refers to anything on another host, to GDS
// Transport, to a font file, or to an image it cannot find.

import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import * as esbuild from 'esbuild'
import * as sass from 'sass'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'openyj', 'static', 'openyj')
const nodeModules = path.join(root, 'node_modules')

// Everything this build writes, relative to `out` (images/ belongs to the build).
const generated = [
  'openyj.css',
  'openyj.js',
  'govuk-frontend-supported.js',
  'images',
  'THIRD-PARTY-NOTICES.txt'
]

// Where images named by the CSS may come from, in order.
const imageSources = [
  path.join(root, 'frontend', 'images'),
  path.join(nodeModules, '@ministryofjustice', 'frontend', 'moj', 'assets', 'images'),
  path.join(nodeModules, 'govuk-frontend', 'dist', 'govuk', 'assets', 'images')
]

// Warnings we know about and cannot fix from here (they come from inside
// MOJ Frontend, which passes its own settings to GOV.UK Frontend).
const knownWarnings = [/`govuk-text-colour` mixin is deprecated/]

async function packageVersion (name) {
  const pkg = JSON.parse(await readFile(path.join(nodeModules, name, 'package.json'), 'utf8'))
  return { name, version: pkg.version, license: pkg.license }
}

function fail (message) {
  console.error(`build failed: ${message}`)
  process.exit(1)
}

async function buildCss (banner) {
  let silenced = 0
  const result = await sass.compileAsync(path.join(root, 'frontend', 'scss', 'openyj.scss'), {
    style: 'compressed',
    loadPaths: [root],
    importers: [new sass.NodePackageImporter(root)],
    quietDeps: true,
    sourceMap: false,
    logger: {
      warn (message, options) {
        if (knownWarnings.some((pattern) => pattern.test(message))) {
          silenced += 1
          return
        }
        const where = options.span ? ` (${options.span.url}:${options.span.start.line + 1})` : ''
        console.warn(`sass warning: ${message}${where}`)
      }
    }
  })
  if (silenced) console.log(`sass: ${silenced} known warning(s) from MOJ Frontend silenced`)

  // esbuild merges duplicate rules and shortens what Sass leaves.
  const { code } = await esbuild.transform(result.css, {
    loader: 'css',
    minify: true,
    legalComments: 'none',
    banner
  })

  if (/GDS Transport/i.test(code)) fail('the CSS mentions GDS Transport')
  if (/@font-face/i.test(code)) fail('the CSS declares a @font-face')
  const urls = [...code.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/g)].map((m) => m[2])
  const remote = urls.filter((u) => /^(https?:)?\/\//i.test(u))
  if (remote.length) fail(`the CSS refers to other hosts: ${remote.join(', ')}`)
  const nonImages = urls.filter((u) => !u.startsWith('images/') && !u.startsWith('data:'))
  if (nonImages.length) fail(`the CSS refers to files outside images/: ${nonImages.join(', ')}`)

  await writeFile(path.join(out, 'openyj.css'), code)
  return urls.filter((u) => u.startsWith('images/')).map((u) => u.slice('images/'.length))
}

async function copyImages (names) {
  await mkdir(path.join(out, 'images'), { recursive: true })
  for (const name of new Set(names)) {
    let copied = false
    for (const dir of imageSources) {
      try {
        await copyFile(path.join(dir, name), path.join(out, 'images', name))
        copied = true
        break
      } catch (error) {
        if (error.code !== 'ENOENT') throw error
      }
    }
    if (!copied) fail(`image ${name} named by the CSS was not found`)
  }
}

async function buildJs (banner) {
  await esbuild.build({
    entryPoints: [path.join(root, 'frontend', 'js', 'openyj.mjs')],
    outfile: path.join(out, 'openyj.js'),
    bundle: true,
    format: 'esm',
    minify: true,
    target: ['es2020'],
    legalComments: 'none',
    banner: { js: banner },
    logLevel: 'warning'
  })
  const supported = await readFile(path.join(root, 'frontend', 'js', 'govuk-frontend-supported.js'), 'utf8')
  const { code } = await esbuild.transform(supported, { loader: 'js', minify: true, target: 'es2015' })
  await writeFile(path.join(out, 'govuk-frontend-supported.js'), code)
}

async function main () {
  const bundled = await Promise.all([
    packageVersion('govuk-frontend'),
    packageVersion('@ministryofjustice/frontend')
  ])
  const tools = await Promise.all([packageVersion('sass'), packageVersion('esbuild')])
  const versions = bundled.map((p) => `${p.name} ${p.version}`).join(', ')
  const banner = `/*! OpenYJ, built by frontend/build.mjs from ${versions} (MIT). Do not edit: run npm run build. */`

  // Remove only what this build writes: other files may live beside them
  // (openyj/static/openyj/vendor/ holds the vendored chart libraries).
  await mkdir(out, { recursive: true })
  for (const name of generated) {
    await rm(path.join(out, name), { recursive: true, force: true })
  }

  const images = await buildCss(banner)
  await copyImages([...images, 'favicon.svg'])
  await buildJs(banner)

  await writeFile(
    path.join(out, 'THIRD-PARTY-NOTICES.txt'),
    [
      `${generated.join(', ')}: generated by \`npm run build\` (frontend/build.mjs). Do not edit them.`,
      '(Other files here, such as vendor/, are not made by this build and have their own licence files.)',
      '',
      'The generated files contain code and images from:',
      ...bundled.map((p) => `- ${p.name} ${p.version}, licence ${p.license} (npm package ${p.name})`),
      '',
      `Built with ${tools.map((p) => `${p.name} ${p.version}`).join(', ')}.`,
      'favicon.svg is OpenYJ\'s own. No GOV.UK crown, crest, logotype or GDS Transport font is included.',
      ''
    ].join('\n')
  )
  console.log(`built ${path.relative(root, out)}/ (${versions})`)
}

await main()
