/** The Simplified Chinese strings table (see types.ts). */
import type { Words } from './types';
import type { TextLimitProblem } from '../contract/textLimits';

/** Megapixels, as "256 MP". */
const mp = (x: number) => `${Math.round(x / 1_000_000)} MP`;

function textLimitText(p: TextLimitProblem): string {
  switch (p.kind) {
    case 'itemChars':
      return `第 ${p.item} 段文字（“${p.preview}”）有 ${p.actual} 个字符；一个标题或字幕最多 ${p.limit} 个字符。请缩短，或拆成几条字幕。`;
    case 'itemLines':
      return `第 ${p.item} 段文字（“${p.preview}”）有 ${p.actual} 行；一个标题或字幕最多 ${p.limit} 行。请缩短，或拆成几条字幕。`;
    case 'draftChars':
      return `视频里的文字加起来有 ${p.actual} 个字符；一个视频最多 ${p.limit} 个字符。请删掉或缩短一些字幕。`;
    case 'draftLines':
      return `视频里的文字加起来有 ${p.actual} 行；一个视频最多 ${p.limit} 行。请删掉或缩短一些字幕。`;
  }
}

export const zhCN: Words = {
  lang: 'zh-CN',
  track: {
    video: '视频',
    bgm: '背景音乐',
    title: '标题',
    text: '文字',
    overlay: '水印',
    track: '轨道',
    caption: '字幕',
  },
  trackOfType: (type) => `轨道（类型 ${type}）`,
  segment: (n) => `片段 ${n}`,
  builtinMusic: '轻音乐背景',
  quote: (s) => `“${s}”`,
  list: (labels, more) => (more > 0 ? `${labels.join('、')} 等 ${labels.length + more} 个` : labels.join('、')),
  span: (start, end) => `${start}-${end}秒`,
  seconds: (s) => `${s}秒`,
  item: (label, what, details) => `${label}：${what}（${details.join('，')}）`,
  emptyTimeline: '时间线是空的——请上传素材，或描述你想要的视频。',
  changes: {
    textChanged: (name, from, to) => `${name}从 ${from} 改为 ${to}。`,
    textMoved: (name, label, now, was) => `${name} ${label} 现在显示于 ${now}（原为 ${was}）。`,
    textAdded: (name, label, span) => `添加了${name} ${label}（${span}）。`,
    textRemoved: (name, label) => `删除了${name} ${label}。`,
    renamed: (from, to) => `“${from}”轨道现在叫“${to}”。`,
    replaced: (name, from, to) => `${name}从 ${from} 换成了 ${to}。`,
    count: (name, now, was) => `${name}现在有 ${now} 个片段（原为 ${was} 个）。`,
    added: (name, labels) => `${name}新增：${labels}。`,
    removed: (name, labels) => `${name}移除：${labels}。`,
    runs: (name, now, was) => `${name}现在的范围是 ${now}（原为 ${was}）。`,
    volume: (name, from, to) => `${name}音量从 ${from} 调整为 ${to}。`,
    volumeSet: (name, to) => `${name}音量设为 ${to}。`,
    trackAdded: (label, items) => `添加了${label}轨道：${items.join('；')}。`,
    trackAddedEmpty: (label) => `添加了一个空的${label}轨道。`,
    trackRemoved: (label) => `删除了${label}轨道。`,
    length: (from, to) => `总时长从 ${from} 变为 ${to}。`,
    canvas: (from, to) => `画布从 ${from} 改为 ${to}。`,
    canvasSet: (to) => `画布设为 ${to}。`,
    title: (from, to) => `项目标题从“${from}”改为“${to}”。`,
    titleSet: (to) => `项目标题设为“${to}”。`,
  },
  report: {
    changed: (lines) => `完成——我更新了时间线：\n${lines.map((c) => `- ${c}`).join('\n')}`,
    unchanged: '助手没有回复，时间线也没有变化。请更具体地描述你想要的修改。',
    silent: '助手没有回复。询问“状态”即可查看时间线。',
    dropped: '助手回复前连接中断了。请重新发送你的消息。',
  },
  credits: (c) => {
    if (c.unlimited) return '积分无限：本地引擎免费。';
    if (c.frozen) return `可用积分 ${c.available}（${c.frozen} 个为进行中的任务预留，共 ${c.total}）。`;
    return `可用积分 ${c.available}。`;
  },
  error: (kind, code, status) => {
    const ref = code ?? status;
    switch (kind) {
      case 'auth':
        return '登录令牌无效或已过期。请设置新的令牌，或退出登录以使用免费的匿名令牌。';
      case 'session':
        return '服务器上找不到这个编辑会话，已开始新的会话。之前上传的文件可能需要重新添加。';
      case 'credits':
        return '积分已用完。注册或充值以获得更多积分，或改用免费的本地引擎。';
      case 'unsupported-file':
        return '不支持这种文件，或上传被拒绝。请使用 mp4、mov、avi、webm、mkv、jpg、png、gif、webp、mp3、wav、m4a 或 aac 文件。';
      case 'file-too-large':
        return '文件太大（上限 200 MB）。请压缩或剪短后再上传。';
      case 'client-id':
        return '服务需要客户端标识，正在用新的标识重试。';
      case 'plan':
        return '当前套餐不能导出。注册或升级套餐即可导出——或用本地引擎免费导出。';
      case 'rate-limit':
        return '请求太频繁，服务暂时限流。请等一分钟再试。';
      case 'server':
        return `视频服务出错了${ref ? `（代码 ${ref}）` : ''}。请稍后再试。`;
      case 'network':
        return '无法连接视频服务。请检查网络或 API 地址设置，然后重试。';
      case 'timeout':
        return '视频服务没有及时响应。请稍后再试。';
      case 'aborted':
        return '已取消。';
      case 'bad-response':
        return '视频服务返回了无法识别的答复。请检查 API 地址设置。';
      case 'input':
        return '无法处理这个输入。请检查文件或内容后重试。';
      case 'render':
        return '视频渲染失败。请检查时间线中的素材后再导出一次。';
    }
  },
  suggestion: { export: '导出', 'show-timeline': '查看时间线', upload: '上传文件', credits: '查看积分' },
  stillWorking: '⏳ 仍在处理中……',
  exportPhase: { submitting: '正在开始导出……', rendering: '正在渲染……', downloading: '正在下载……', done: '完成。' },
  skipped: (names) =>
    `跳过了 ${names.length} 个无法上传的文件：${names.join('、')}。请使用 mp4、mov、jpg、png、mp3 等支持的格式，且每个文件不超过 200 MB。`,
  converted: (names) => `已在本机把 ${names.length} 张 iPhone 照片（HEIC）转换为 JPEG 后上传：${names.join('、')}。`,
  heifSkipped: (reason, names) => {
    const which = `${names.length} 张 iPhone 照片未上传（${names.join('、')}）`;
    switch (reason) {
      case 'converter-missing':
        return `${which}：把 HEIC 转换为 JPEG 需要 libheif 的 heif-convert，但本机没有安装。请先安装（Debian/Ubuntu：sudo apt-get install libheif-examples；macOS：brew install libheif），或把照片导出为 JPEG，然后重新上传。`;
      case 'not-heif':
        return `${which}：文件内容不是 HEIC/HEIF 图片（是否被改过扩展名？）。`;
      case 'unreadable':
        return `${which}：无法读取文件（请检查文件是否存在及其权限）。`;
      default:
        return `${which}：heif-convert 无法解码。请在手机或电脑上把它导出为 JPEG 后再上传。`;
    }
  },
  engineProcess: (failure, logFile, detail) =>
    ({
      'start-failed': `免费本地引擎在启动时停止了${detail ? `（${detail}）` : ''}。请检查 ffmpeg 设置后重试；引擎日志：${logFile}。`,
      'start-timeout': `免费本地引擎未能在 45 秒内启动。请重试；如果反复出现，请查看引擎日志：${logFile}。`,
      'lock-timeout': `另一个窗口启动免费本地引擎的时间过长。请重试，或重新加载那个窗口；引擎日志：${logFile}。`,
    })[failure],
  sessionRenewed: '之前的会话在服务器上已失效，已开始新的会话。之前上传的文件可能需要重新添加。',
  textLimit: (p) => `${textLimitText(p)}没有保存任何内容。`,
  refusal: (r) => {
    switch (r.reason) {
      case 'text_limit':
        return `${textLimitText(r)}${r.stage === 'render' ? '没有开始渲染。' : '没有保存任何内容。'}`;
      case 'chat_too_long':
        return `这条消息有 ${r.actual} 个字符；引擎最多读取 ${r.limit} 个字符。请用几句话描述要做的修改。`;
      case 'too_many_pixels':
        return r.media === 'photo'
          ? `“${r.file}”是 ${r.width}×${r.height} 像素（${mp(r.width * r.height)}）；照片最多 ${mp(r.limit)}。请缩小尺寸（长边 4000 像素对 1080p 视频已经足够）后重新上传。`
          : `“${r.file}”的画面是 ${r.width}×${r.height}；视频最大 4096×4096（4K）。请导出为 4K 或 1080p 后重新上传。`;
      case 'disk_full':
        return `磁盘已满（${r.dir}${r.freeMb !== undefined ? ` 还剩 ${r.freeMb} MB` : ''}）。请腾出一些空间（旧的导出、下载文件）后重试；没有留下写了一半的文件。`;
      case 'music_too_short':
        return `第 ${r.item} 段音频（“${r.file}”）只有 ${r.ms} 毫秒；音乐至少要 ${r.minMs / 1000} 秒才能播放或循环。请上传更长的歌曲，或删掉这段音频。`;
      case 'interrupted':
        return '这次导出在渲染时引擎停止了（被重启或被结束）。请重新导出。';
    }
  },
  cli: {
    startingEngine: '正在启动免费的本地引擎……',
    connecting: '正在连接……',
    workingOn: (name) => `……正在处理：${name}`,
    uploadHint: '要上传文件，请运行：video-gen upload <文件…>',
    interrupted: '回复完成前连接中断了，上面的内容不完整。请重新运行该命令。',
    uploading: '正在上传',
    uploaded: (names) => `已上传 ${names.length} 个文件：${names.join('、')}`,
    newSession: '已开始新的会话，时间线为空。',
    serving: (url, tokenFile) =>
      `本地引擎正在监听 ${url}\n令牌保存在 ${tokenFile}；这样让客户端连接它：\n  NEMO_API_BASE=${url} NEMO_TOKEN="$(cat ${tokenFile})" video-gen status\n按 Ctrl-C 停止。`,
    logAt: (file) => `引擎日志（请求、警告、错误）在 ${file}。`,
    cancelled: '已取消。',
    errorPrefix: 'video-gen：',
    staleExportCleared: (n) => {
      const why =
        n.refusal?.reason === 'interrupted'
          ? '渲染时引擎停止了，可能是被重启或被结束'
          : n.reason === 'failed'
            ? // The engine's own text is English: worded here from its data, else left to its log.
              `它在引擎上失败了${n.error && !n.refusal ? '，原因见引擎日志' : ''}`
            : n.reason === 'cancelled'
              ? '它在引擎上被取消了'
              : n.reason === 'unknown'
                ? '引擎已经不认识这个任务'
                : '运行它的引擎已经不在了';
      const refused = n.refusal && n.refusal.reason !== 'interrupted' ? zhCN.refusal(n.refusal) : '';
      return `之前的导出 ${n.renderId} 无法完成（${why}），已清除。${refused}正在开始新的导出。`;
    },
    exportRunning:
      '这个项目已有导出任务正在进行。继续跟进并下载视频：video-gen export --resume；或者停止它：video-gen cancel',
    noExportToResume: '这个文件夹里没有未完成的导出可以继续。开始新的导出：video-gen export',
    noExportToCancel: '这个文件夹里没有正在进行的导出，无需取消。',
    exportCancelled: (id) => `已取消导出 ${id}。`,
    exportAlreadyEnded: (id) => `导出 ${id} 在引擎上已经结束，这里也已清除。开始新的导出：video-gen export`,
  },
};
