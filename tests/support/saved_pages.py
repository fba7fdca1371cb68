"""A notice's page as a CMS publishes it, and the same page saved as one file (.mht) the ways
browsers and Word write it: for the import's tests. The wording is our own."""

from __future__ import annotations

import base64
import quopri

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>某县林业局党组关于巡察整改情况的通报_某县人民政府</title></head>
<body><div class="nav">首页 &gt; 政务公开 &gt; 通知公告</div>
<table class="xxgk"><tr><td>索引号：</td><td>000000000/2024-00012</td><td>发布机构：</td><td>某县林业局</td></tr>
<tr><td>发布日期：</td><td>2024-12-05</td><td>主题分类：</td><td>其他</td></tr></table>
<h1>中共某县林业局党组关于县委巡察整改情况的通报</h1>
<p>根据县委统一部署，2024年3月4日至4月26日，县委第二巡察组对某县林业局党组开展了巡察。2024年6月12日，巡察组反馈了巡察意见。现将整改情况予以公布。</p>
<p>一、整改工作开展情况</p>
<p>局党组召开专题会议研究部署整改工作，成立整改工作领导小组。</p>
<p>二、反馈问题整改落实情况</p>
<p>（一）落实林长制工作不够扎实</p>
<p>1.巡林记录填写不规范的问题</p>
<p>整改情况：一是统一巡林记录格式；二是每月抽查巡林记录。已完成整改。</p>
<p>2.护林员培训不足的问题</p>
<p>整改情况：一是制定年度培训计划；二是分片区开展培训。正在推进中，计划2025年3月底前完成。</p>
<p>三、下一步工作打算</p>
<p>持续巩固整改成果，建立长效机制。</p>
<p>欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0769-12345678；电子邮箱：lyjxc@example.cn。</p>
<p>中共某县林业局党组</p><p>2024年12月5日</p>
<div class="footer">主办单位：某县人民政府办公室</div>
</body></html>
"""
BOUNDARY = "----=_NextPart_000_0000_01DB4A2C.5E8F3A10"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def notice_page(charset: str = "gb2312") -> str:
    return PAGE.replace("{charset}", charset)


def _qp(data: bytes) -> bytes:
    return quopri.encodestring(data).replace(b"\n", b"\r\n")


def _b64(data: bytes) -> bytes:
    text = base64.b64encode(data)
    return b"\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))


def mime_file(parts: list[tuple[str, bytes]], boundary: str = BOUNDARY, head: str = "") -> bytes:
    """A saved page as one file, as Internet Explorer and Edge write it: (part headers, encoded body) each."""
    top = ("From: <由 Windows Internet Explorer 保存>\r\nSubject: =?gb2312?B?zaixqA==?=\r\n"
           " =?gb2312?B?zaixqA==?=\r\n"  # a long title is folded: the headers go on
           "Date: Thu, 5 Dec 2024 10:12:31 +0800\r\nMIME-Version: 1.0\r\n"
           f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n{head}\r\n'
           "This is a multi-part message in MIME format.\r\n\r\n").encode("gb18030")  # IE writes its From: in GBK
    body = b"".join(f"--{boundary}\r\n{headers}\r\n\r\n".encode("ascii") + content + b"\r\n" for headers, content in parts)
    return top + body + f"--{boundary}--\r\n".encode("ascii")


def html_part(data: bytes, encoding: str = "quoted-printable", charset: str | None = "gb2312") -> tuple[str, bytes]:
    kind = f'text/html; charset="{charset}"' if charset else "text/html"
    body = _qp(data) if encoding == "quoted-printable" else _b64(data) if encoding == "base64" else data
    return (f"Content-Type: {kind}\r\nContent-Transfer-Encoding: {encoding}\r\n"
            "Content-Location: http://www.example.gov.cn/art/2024/12/5/art_1_1.html"), body


def image_part(name: str = "logo.png") -> tuple[str, bytes]:
    return (f"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            f"Content-Location: http://www.example.gov.cn/images/{name}"), _b64(PNG)
