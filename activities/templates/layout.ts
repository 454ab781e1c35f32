/**
 * The two bodies every message has, HTML and plain text, over the view built
 * by render.ts. The words come from the language files; these only arrange them.
 */
export const HTML_LAYOUT = `<!DOCTYPE html>
<html lang="{{language}}">
<head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #222;">
{{#if addressee}}<p><strong>{{addressee}}</strong></p>{{/if}}
{{#if greeting}}<p>{{greeting}}</p>{{/if}}
{{#each paragraphs}}<p>{{this}}</p>
{{/each}}
{{#if note}}<p><em>{{note}}</em></p>{{/if}}
{{#if list.items.length}}<h3>{{list.title}}</h3>
<ul>{{#each list.items}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
<table style="border-collapse: collapse;" cellpadding="4">
{{#each summary}}<tr><th align="left" style="border-bottom: 1px solid #ddd;">{{label}}</th><td style="border-bottom: 1px solid #ddd;">{{value}}</td></tr>
{{/each}}
</table>
{{#if keyDates.length}}<h3>{{keyDatesTitle}}</h3>
<table style="border-collapse: collapse;" cellpadding="4">
{{#each keyDates}}<tr><th align="left">{{label}}</th><td>{{value}}</td></tr>
{{/each}}
</table>{{/if}}
{{#if facts.length}}<h3>{{factsTitle}}</h3>
<table style="border-collapse: collapse;" cellpadding="4">
{{#each facts}}<tr><th align="left">{{label}}</th><td>{{value}}</td></tr>
{{/each}}
</table>{{/if}}
<p>{{#each closing}}{{this}}<br>{{/each}}</p>
<hr><p style="font-size: 11px; color: #666;">{{footer}}</p>
</body>
</html>
`;

export const TEXT_LAYOUT = `{{#if addressee}}{{addressee}}

{{/if}}{{#if greeting}}{{greeting}}

{{/if}}{{#each paragraphs}}{{this}}

{{/each}}{{#if note}}{{note}}

{{/if}}{{#if list.items.length}}{{list.title}}:
{{#each list.items}}  - {{this}}
{{/each}}

{{/if}}{{#each summary}}{{label}}: {{value}}
{{/each}}

{{#if keyDates.length}}{{keyDatesTitle}}:
{{#each keyDates}}  {{label}}: {{value}}
{{/each}}

{{/if}}{{#if facts.length}}{{factsTitle}}:
{{#each facts}}  {{label}}: {{value}}
{{/each}}

{{/if}}{{#each closing}}{{this}}
{{/each}}
--
{{footer}}
`;
