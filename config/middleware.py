"""Chinese first: the site speaks 简体中文 unless the visitor picked another language with the switch."""


class ChineseFirstMiddleware:
    """Drop the browser's Accept-Language so LocaleMiddleware decides by the language cookie, else zh-hans.

    A finance-bureau PC often runs an English browser; the site's users still read Chinese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
