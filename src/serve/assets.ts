/**
 * The workbench's stylesheet and script, served from /static (the CSP allows only 'self': no inline
 * script or style). The script never puts text into markup: textContent and classList only.
 */
export const APP_CSS = `
*{box-sizing:border-box}
body{font:13px/1.45 system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
.bar{display:flex;align-items:baseline;gap:16px;padding:8px 16px;background:#123c69;color:#fff}
.bar h1{font-size:17px;margin:0;word-break:break-all}.bar a{color:#fff}
main{padding:10px 16px}.muted{color:#666}
.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;background:#fff;border:1px solid #dde;border-radius:6px;padding:8px 12px}
.filters label{white-space:nowrap}.filters input{width:10em}.filters select{max-width:22em}
.exports{margin-left:auto;white-space:nowrap}
table{border-collapse:collapse;background:#fff}th,td{border:1px solid #ccd;padding:2px 6px;vertical-align:top}
th{background:#eef1f5;font-weight:600}
table.overview{width:100%;margin-top:6px}table.overview th{white-space:nowrap}table.overview th a{color:inherit;text-decoration:none}
table.overview th[aria-sort=ascending] a::after{content:" ▲"}table.overview th[aria-sort=descending] a::after{content:" ▼"}
table.overview td{white-space:nowrap}table.overview td.agency{white-space:normal;min-width:14em;max-width:28em}
table.overview td.file{max-width:16em;overflow:hidden;text-overflow:ellipsis}
table.overview tbody tr:nth-child(even){background:#fafbfd}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.c-error{color:#b00020;font-weight:600}.c-warning{color:#8a5300;font-weight:600}.c-info{color:#0b57d0}
.pager{margin:8px 0;display:flex;gap:12px}
.meta span,.counts span{margin-right:14px;white-space:nowrap}.meta,.counts{margin:4px 0}
.cols{display:flex;gap:16px;align-items:flex-start}.left{flex:1 1 auto;min-width:0;overflow-x:auto}
.right{flex:0 0 420px;position:sticky;top:0;max-height:100vh;overflow-y:auto}
h2{font-size:15px;margin:12px 0 6px}h3{font-size:14px;margin:10px 0 4px}
table.t{margin:8px 0}table.t caption{text-align:left;font-weight:600;padding:4px 0}
table.t th.rl{text-align:left;font-weight:normal;min-width:14em}th.lv1{padding-left:10px}th.lv2{padding-left:22px}th.lv3{padding-left:34px}
th.note{font-weight:normal;font-size:12px;max-width:16em}th.block{text-align:left}th.vert{font-size:12px}
td.n{min-width:3.2em}
td.blank{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f0f0f0 4px,#f0f0f0 8px)}
td.unread{background:#f3f3f3}
td.sev-error{background:#ffd6d9;outline:2px solid #c0001a;outline-offset:-2px;font-weight:700}
td.sev-error::before{content:"✖ ";color:#c0001a;font-size:10px}
td.sev-warning{background:#ffe9b8;outline:2px dashed #a86500;outline-offset:-2px}
td.sev-warning::before{content:"▲ ";color:#a86500;font-size:10px}
td.sev-info{background:#dbe8ff;outline:2px dotted #0b57d0;outline-offset:-2px}
td.sev-info::before{content:"● ";color:#0b57d0;font-size:10px}
td.hl,.sw.hl{box-shadow:0 0 0 3px #111 inset;background:#fff59d!important}
.legend{margin:8px 0;display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.sw{display:inline-block;padding:1px 8px;border:1px solid #ccd}
.sw.sev-error{background:#ffd6d9;border:2px solid #c0001a}.sw.sev-warning{background:#ffe9b8;border:2px dashed #a86500}
.sw.sev-info{background:#dbe8ff;border:2px dotted #0b57d0}
.sw.blank{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#e6e6e6 4px,#e6e6e6 8px)}.sw.unread{background:#f3f3f3}
ol.findings{padding-left:20px;margin:0}
li.finding{background:#fff;border:1px solid #dde;border-left:5px solid #999;border-radius:4px;padding:6px 8px;margin:6px 0;cursor:pointer}
li.finding.sev-error{border-left-color:#c0001a}li.finding.sev-warning{border-left-color:#a86500;border-left-style:dashed}
li.finding.sev-info{border-left-color:#0b57d0;border-left-style:dotted}
li.finding.active{box-shadow:0 0 0 2px #111}
li.finding.st-dismissed{opacity:.6}li.finding.st-dismissed .msg{text-decoration:line-through}
li.finding .sev{font-weight:700}li.sev-error .sev{color:#b00020}li.sev-warning .sev{color:#8a5300}li.sev-info .sev{color:#0b57d0}
li.finding .state{float:right;font-size:12px;border:1px solid #bbb;border-radius:8px;padding:0 6px}
li.st-confirmed .state{background:#ffe0e0}li.st-dismissed .state{background:#e0e0e0}
.tag{background:#123c69;color:#fff;border-radius:3px;padding:0 4px;font-size:11px}
code{font:11px ui-monospace,monospace;color:#555}.cells{font-size:12px;margin-top:2px}
.actions{margin-top:4px}.actions input{width:10em}
blockquote.prose{margin:4px 0;padding:4px 8px;border-left:3px solid #999;background:#fafafa}
mark{background:#fff176;outline:1px solid #a88f00}
.place{position:sticky;top:0;background:#fffbe6;border:1px solid #e6d98a;padding:4px 8px;z-index:1}
.related{margin:2px 0;padding-left:16px;font-size:12px}
.error-line{color:#b00020}
.side{display:flex;gap:12px}.side>div{flex:1;min-width:0}.side h4{margin:4px 0}
.side p.text{white-space:pre-wrap;background:#fff;border:1px solid #dde;padding:6px;max-height:20em;overflow-y:auto;margin:0}
`;

export const APP_JS = `(function(){
'use strict';
var token=(document.querySelector('meta[name="xxgk-token"]')||{}).content||'';
var list=document.getElementById('findings');
if(!list)return;
var place=document.getElementById('place');
function clear(){document.querySelectorAll('td.hl').forEach(function(td){td.classList.remove('hl')});
document.querySelectorAll('li.finding.active').forEach(function(li){li.classList.remove('active')})}
function select(li){clear();li.classList.add('active');
var keys=(li.getAttribute('data-cells')||'').split(' ').filter(Boolean),first=null;
keys.forEach(function(k){document.querySelectorAll('td[data-key]').forEach(function(td){if(td.getAttribute('data-key')===k){td.classList.add('hl');if(!first)first=td}})});
var text='位置：'+(li.getAttribute('data-place')||'')+(keys.length?'；单元格：'+keys.join('、'):'');
place.textContent=text;place.classList.remove('muted');
if(first)first.scrollIntoView({block:'center',inline:'center'});}
list.addEventListener('click',function(e){var t=e.target;if(t.closest('.actions'))return;var li=t.closest('li.finding');if(li)select(li)});
list.addEventListener('keydown',function(e){if(e.key==='Enter'&&e.target.matches&&e.target.matches('li.finding'))select(e.target)});
document.querySelectorAll('td[data-findings]').forEach(function(td){td.addEventListener('click',function(){
var i=(td.getAttribute('data-findings')||'').split(' ')[0];var li=document.getElementById('f'+i);if(li){select(li);li.scrollIntoView({block:'nearest'})}})});
var names={confirmed:'已确认',dismissed:'已忽略'};
list.addEventListener('click',function(e){var b=e.target.closest('button[data-act]');if(!b)return;
var li=b.closest('li.finding'),act=b.getAttribute('data-act'),input=li.querySelector('.reason-input');
var reason=input?input.value.trim():'';
if(act==='dismiss'&&!reason){input.focus();input.placeholder='请填写忽略理由';return}
b.disabled=true;
fetch('/api/review',{method:'POST',headers:{'Content-Type':'application/json','X-XXGK-Token':token},credentials:'same-origin',
body:JSON.stringify({fingerprint:li.getAttribute('data-fingerprint'),action:act,reason:reason,report:Number(document.body.getAttribute('data-report'))})})
.then(function(r){return r.json().then(function(j){if(!r.ok)throw new Error(j.error||r.status);return j})})
.then(function(j){
document.querySelectorAll('li.finding').forEach(function(other){if(other.getAttribute('data-fingerprint')!==li.getAttribute('data-fingerprint'))return;
other.classList.remove('st-confirmed','st-dismissed');if(j.state)other.classList.add('st-'+j.state);
other.querySelector('.state').textContent=j.state?names[j.state]:'未审核';
var old=other.querySelector('.reason');if(old)old.remove();
if(j.state==='dismissed'&&j.reason){var s=document.createElement('span');s.className='reason';s.textContent=' 理由：'+j.reason;other.querySelector('.head').appendChild(s)}});
Object.keys(j.counts||{}).forEach(function(k){var el=document.querySelector('[data-count="'+k+'"]');if(el)el.textContent=String(j.counts[k])});
if(input)input.value='';})
.catch(function(err){place.textContent='保存失败：'+err.message;place.classList.add('error-line')})
.finally(function(){b.disabled=false})});
})();
`;
